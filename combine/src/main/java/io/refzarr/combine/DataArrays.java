package io.refzarr.combine;

import io.refzarr.internal.json.Json;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output metadata of a concatenated array: the first input's {@code .zarray} and {@code .zattrs}
 * with the new shape, chunks and dimensions, and encoding conflicts settled by the caller's
 * resolver.
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

  void write(ArrayAgg agg, Map<String, Integer> sizes, Map<String, byte[]> out)
      throws CombineException {
    ArrayFacts f = agg.first();
    ZarrArrayMetadata.Builder zarray = f.md().toBuilder();
    Map<String, Object> attrs = new LinkedHashMap<>(f.attrs());
    Conflicts.resolve(agg, zarray, attrs, spec.conflicts());
    List<String> dims = outputDims(spec.realConcatDims(), f.dims());
    long[] inShape = f.md().shape();
    long[] inChunks = f.md().chunks();
    long[] shape = new long[dims.size()];
    long[] chunks = new long[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      String d = dims.get(i);
      int axis = f.dims().indexOf(d);
      shape[i] = sizes.containsKey(d) ? (long) sizes.get(d) : inShape[axis];
      chunks[i] = axis < 0 ? 1L : inChunks[axis];
    }
    attrs.put("_ARRAY_DIMENSIONS", dims);
    out.put(
        ZarrKeys.join(f.outPath(), ZarrKeys.ZARRAY),
        build(agg, zarray.shape(shape).chunks(chunks)));
    out.put(ZarrKeys.join(f.outPath(), ZarrKeys.ZATTRS), Json.writeBytes(attrs));
  }

  /**
   * The output {@code .zarray}; a resolver's choice that is no valid metadata is refused as a
   * conflict.
   */
  private static byte[] build(ArrayAgg agg, ZarrArrayMetadata.Builder zarray)
      throws CombineException {
    try {
      return zarray.build().toJson();
    } catch (IllegalArgumentException e) {
      throw new CombineException(
          CombineException.Reason.CONFLICT,
          List.of(),
          agg.first().outPath()
              + ": the resolved encoding is not valid Zarr metadata: "
              + e.getMessage(),
          e);
    }
  }
}
