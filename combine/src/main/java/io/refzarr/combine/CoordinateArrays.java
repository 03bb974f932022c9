package io.refzarr.combine;

import io.refzarr.internal.json.Json;
import io.refzarr.zarr.DType;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the coordinate array of each concat dimension from the union of values: one inline chunk,
 * no codec, the dtype of {@code coo_dtypes} or of the inputs' coordinate array, attributes of the
 * first input's coordinate array, and CF times re-encoded in its units (or as datetimes for an
 * {@code M8} dtype).
 */
final class CoordinateArrays {
  private final CombineSpec spec;

  CoordinateArrays(CombineSpec spec) {
    this.spec = spec;
  }

  void write(String dim, Object[] values, ArrayAgg source, Map<String, byte[]> out)
      throws CombineException {
    ArrayFacts src = source == null ? null : source.first();
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (src != null) {
      attrs.putAll(src.attrs());
      // the coordinate's own .zarray is new: only the resolver's answers for attributes are kept
      Conflicts.resolve(source, src.md().toBuilder(), attrs, spec.conflicts());
    }
    attrs.put("_ARRAY_DIMENSIONS", List.of(dim));
    CoordinateCodec dtype = CoordinateCodec.of(dtype(dim, values, src));
    List<Object> encoded = encode(dim, values, dtype, attrs, source);
    ZarrArrayMetadata zarray =
        ZarrArrayMetadata.builder()
            .shape(values.length)
            .chunks(Math.max(1, values.length))
            .dtype(dtype.dtype())
            .fillValue(
                src == null || dtype.kind() == DType.Kind.DATETIME ? null : src.md().fillValue())
            .build();
    out.put(ZarrKeys.join(dim, ZarrKeys.ZARRAY), zarray.toJson());
    out.put(ZarrKeys.join(dim, ZarrKeys.ZATTRS), Json.writeBytes(attrs));
    out.put(ZarrKeys.join(dim, "0"), dtype.encode(encoded));
  }

  private DType dtype(String dim, Object[] values, ArrayFacts src) {
    String given = spec.cooDtypes().get(dim);
    if (given != null) {
      return DType.parse(given);
    }
    boolean fromArray =
        spec.cooMap().get(dim) instanceof Selectors.Values
            || spec.cooMap().get(dim) instanceof Selectors.CfValues;
    if (fromArray && src != null && !src.md().dtype().isStructured()) {
      return src.md().dtype();
    }
    return DType.parse(inferred(values));
  }

  private static String inferred(Object[] values) {
    if (values[0] instanceof String) {
      int max = 1;
      for (Object v : values) {
        max = Math.max(max, ((String) v).codePointCount(0, ((String) v).length()));
      }
      return "<U" + max;
    }
    for (Object v : values) {
      if (!(v instanceof Long)) {
        return "<f8";
      }
    }
    return "<i8";
  }

  private List<Object> encode(
      String dim,
      Object[] values,
      CoordinateCodec dtype,
      Map<String, Object> attrs,
      ArrayAgg source)
      throws CombineException {
    ArrayFacts src = source == null ? null : source.first();
    if (!(values[0] instanceof CfDate)) {
      return List.of(values);
    }
    if (dtype.kind() == DType.Kind.DATETIME) {
      attrs.remove("units");
      attrs.remove("calendar");
      return datetimes(dim, values, dtype);
    }
    CfUnits units =
        CfUnits.of(
            src == null ? Map.of() : src.attrs(),
            "coordinate " + dim,
            source == null ? List.of() : List.of(source.owner().name()));
    List<Object> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(units.encode((CfDate) v));
    }
    return out;
  }

  private static List<Object> datetimes(String dim, Object[] values, CoordinateCodec dtype)
      throws CombineException {
    long per = dtype.microsPerUnit();
    List<Object> out = new ArrayList<>(values.length);
    for (Object v : values) {
      CfDate t = (CfDate) v;
      if (!t.calendar().isGregorian()) {
        throw new CombineException(
            CombineException.Reason.BAD_COORDINATE,
            List.of(),
            dim + ": times of calendar " + t.calendar() + " cannot be stored as " + dtype.dtype());
      }
      out.add(per > 0 ? Math.floorDiv(t.micros(), per) : Math.multiplyExact(t.micros(), -per));
    }
    return out;
  }
}
