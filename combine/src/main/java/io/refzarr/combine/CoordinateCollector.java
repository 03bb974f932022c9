package io.refzarr.combine;

import io.refzarr.refs.Reference;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * First pass for one input: coordinate values along each concat dimension, array facts, group
 * metadata.
 */
final class CoordinateCollector {
  private final CombineSpec spec;
  private final long retainMaxKeys;

  CoordinateCollector(CombineSpec spec) {
    this(spec, spec.retainSmallInputs() ? InputShape.RETAIN_MAX_KEYS : InputShape.RETAIN_NONE);
  }

  /** A collector that keeps the references of inputs with at most {@code retainMaxKeys} keys. */
  CoordinateCollector(CombineSpec spec, long retainMaxKeys) {
    this.spec = spec;
    this.retainMaxKeys = retainMaxKeys;
  }

  InputSummary summarize(InputContext in) throws IOException {
    List<String> dims = spec.realConcatDims();
    List<List<Object>> values = new ArrayList<>();
    Object[] first = new Object[dims.size()];
    Object[] last = new Object[dims.size()];
    int[] count = new int[dims.size()];
    for (int d = 0; d < dims.size(); d++) {
      List<Object> v = distinctSorted(in, dims.get(d));
      values.add(v);
      first[d] = v.get(0);
      last[d] = v.get(v.size() - 1);
      count[d] = v.size();
    }
    String varName = spec.concatDims().contains(CombineSpec.VAR) ? varName(in) : null;
    Placement p =
        new Placement(new SortKey(first, in.name(), in.index()), first, last, count, varName);
    InputShape shape = InputShape.of(in, spec, retainMaxKeys);
    return new InputSummary(
        p, values, arrays(in, p), groupMetadata(in), shape, identical(in, shape));
  }

  /**
   * The digest of each array of an identical dimension: copied from the first input, they must hold
   * the same values in every input.
   */
  private static Map<String, String> identical(InputContext in, InputShape shape)
      throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, ArrayRole> e : shape.roles().entrySet()) {
      if (e.getValue() == ArrayRole.IDENTICAL) {
        out.put(e.getKey(), in.digest(e.getKey()));
      }
    }
    return out;
  }

  private List<Object> distinctSorted(InputContext in, String dim) throws IOException {
    List<Object> raw = spec.cooMap().get(dim).select(in);
    String dtype = spec.cooDtypes().get(dim);
    List<Object> values = new ArrayList<>(raw.size());
    try {
      for (Object v : raw) {
        values.add(CoordValues.coerce(v, dtype));
      }
      if (values.isEmpty()) {
        throw bad(in, "no coordinate values along " + dim);
      }
      for (int i = 0; i < values.size(); i++) {
        checkOrder(in, dim, i == 0 ? null : values.get(i - 1), values.get(i));
      }
    } catch (IllegalArgumentException e) {
      throw bad(in, dim + ": " + e.getMessage());
    }
    return values;
  }

  /**
   * An input's values must increase as stored: inputs are placed by their sorted values, so a
   * decreasing or unordered input (or a NaN, which has no place) would put its chunks under other
   * values than their own.
   */
  private static void checkOrder(InputContext in, String dim, Object previous, Object value)
      throws CombineException {
    if (value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN()) {
      throw bad(in, "a NaN among the coordinate values along " + dim);
    }
    if (previous == null) {
      return;
    }
    int order = CoordValues.ORDER.compare(previous, value);
    if (order == 0) {
      throw bad(in, "repeated coordinate values along " + dim + " (" + value + ")");
    }
    if (order > 0) {
      throw bad(
          in,
          "coordinate values along "
              + dim
              + " do not increase as stored ("
              + previous
              + " then "
              + value
              + "): its chunks would be placed under other values");
    }
  }

  private String varName(InputContext in) throws IOException {
    List<Object> v = spec.cooMap().get(CombineSpec.VAR).select(in);
    if (v.size() != 1 || !(v.get(0) instanceof String)) {
      throw bad(in, "the var selector must give one name, gave " + v);
    }
    return (String) v.get(0);
  }

  private Map<String, ArrayFacts> arrays(InputContext in, Placement p) throws IOException {
    Map<String, ArrayFacts> out = new LinkedHashMap<>();
    for (Map.Entry<String, ZarrArrayMetadata> e : in.arrays().entrySet()) {
      ArrayRole role = Roles.of(e.getKey(), in, spec);
      if (role == ArrayRole.DATA || role == ArrayRole.CONCAT_COORDINATE) {
        ArrayFacts f = facts(in, p, e.getKey(), e.getValue(), role);
        if (out.put(f.outPath(), f) != null) {
          throw bad(in, "two arrays map to output array " + f.outPath());
        }
      }
    }
    return out;
  }

  private ArrayFacts facts(
      InputContext in, Placement p, String path, ZarrArrayMetadata md, ArrayRole role)
      throws IOException {
    Map<String, Object> attrs = in.attributes(path);
    List<String> dims = in.dims(path);
    boolean cf =
        role == ArrayRole.CONCAT_COORDINATE
            && spec.cooMap().get(ZarrKeys.name(path)) instanceof Selectors.CfValues;
    if (role == ArrayRole.DATA) {
      checkExtents(in, p, path, md, dims);
    }
    String outPath = role == ArrayRole.DATA && p.varName() != null ? p.varName() : path;
    return new ArrayFacts(outPath, role, md, attrs, dims, ArrayFacts.encoding(role, cf, md, attrs));
  }

  /** An input's extent along each concat dimension must be its number of coordinate values. */
  private void checkExtents(
      InputContext in, Placement p, String path, ZarrArrayMetadata md, List<String> dims)
      throws CombineException {
    List<String> concat = spec.realConcatDims();
    for (int d = 0; d < concat.size(); d++) {
      int axis = dims.indexOf(concat.get(d));
      long extent = axis < 0 ? 1 : md.shape()[axis];
      if (extent != p.count()[d]) {
        throw new CombineException(
            CombineException.Reason.MISALIGNED,
            List.of(in.name()),
            path
                + " has "
                + (axis < 0
                    ? "no dimension "
                        + concat.get(d)
                        + " (a new dimension takes one"
                        + " coordinate value per input)"
                    : "extent " + extent + " along " + concat.get(d))
                + " but the input has "
                + p.count()[d]
                + " "
                + concat.get(d)
                + " coordinate value(s)");
      }
    }
  }

  private static Map<String, byte[]> groupMetadata(InputContext in) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String g : in.groups()) {
      for (String name : List.of(ZarrKeys.ZGROUP, ZarrKeys.ZATTRS)) {
        String key = ZarrKeys.join(g, name);
        Optional<Reference> ref = in.references().get(key);
        if (ref.isPresent()) {
          out.put(key, in.bytes().read(key, ref.get()));
        }
      }
    }
    return out;
  }

  private static CombineException bad(InputContext in, String message) {
    return new CombineException(
        CombineException.Reason.BAD_COORDINATE, List.of(in.name()), message);
  }
}
