package io.refzarr.combine;

import io.refzarr.internal.json.Json;
import io.refzarr.zarr.ZarrKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output metadata of a concatenated array: the first input's {@code .zarray} and {@code .zattrs} with the
 * new shape, chunks and dimensions, and encoding conflicts settled by the caller's resolver.
 */
final class DataArrays {
  private final CombineSpec spec;

  DataArrays(CombineSpec spec) {
    this.spec = spec;
  }

  /** Output dimensions: new concat dimensions first, then the input's. */
  static List<String> outputDims(List<String> concatDims, List<String> inputDims) {
    List<String> out = new ArrayList<>();
    for (String d : concatDims) {
      if (!inputDims.contains(d)) {
        out.add(d);
      }
    }
    out.addAll(inputDims);
    return out;
  }

  void write(ArrayAgg agg, Map<String, Integer> sizes, Map<String, byte[]> out) throws CombineException {
    ArrayFacts f = agg.first();
    Map<String, Object> zarray = new LinkedHashMap<>(f.md().document());
    Map<String, Object> attrs = new LinkedHashMap<>(f.attrs());
    Conflicts.resolve(agg, zarray, attrs, spec.conflicts());
    List<String> dims = outputDims(spec.realConcatDims(), f.dims());
    List<Long> shape = new ArrayList<>();
    List<Long> chunks = new ArrayList<>();
    for (String d : dims) {
      int axis = f.dims().indexOf(d);
      shape.add(sizes.containsKey(d) ? (long) sizes.get(d) : f.md().shape()[axis]);
      chunks.add(axis < 0 ? 1L : f.md().chunks()[axis]);
    }
    zarray.put("shape", shape);
    zarray.put("chunks", chunks);
    attrs.put("_ARRAY_DIMENSIONS", dims);
    out.put(ZarrKeys.join(f.outPath(), ZarrKeys.ZARRAY), Json.writeBytes(zarray));
    out.put(ZarrKeys.join(f.outPath(), ZarrKeys.ZATTRS), Json.writeBytes(attrs));
  }
}
