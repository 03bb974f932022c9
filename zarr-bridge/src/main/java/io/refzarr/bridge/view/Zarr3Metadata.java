package io.refzarr.bridge.view;

import io.refzarr.bridge.ZarrFormatException;
import io.refzarr.zarr.DType;
import io.refzarr.zarr.ZarrArrayMetadata;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Zarr v3 {@code zarr.json} of a decoded array or a group. Chunks keep their v2 keys (the
 * {@code v2} chunk key encoding with the array's separator; a 0-d array's chunk is {@code c}, see
 * {@link Zarr3Store}) and their decoded bytes (the {@code bytes} codec in the stored byte order,
 * after a {@code transpose} for {@code F} order), so both views share one chunk cache. Types
 * without a core v3 name use zarr-python 3's names ({@code string} with {@code vlen-utf8}, {@code
 * fixed_length_utf32}, {@code numpy.datetime64}); fixed-size bytes and records are raw bits ({@code
 * r<bits>}).
 */
final class Zarr3Metadata {
  private Zarr3Metadata() {}

  static Map<String, Object> group(Map<String, Object> attributes) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("zarr_format", 3L);
    doc.put("node_type", "group");
    doc.put("attributes", attributes);
    return doc;
  }

  static Map<String, Object> array(DecodedArray a, Map<String, Object> attributes)
      throws ZarrFormatException {
    ZarrArrayMetadata m = a.stored();
    DType t = m.dtype();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("zarr_format", 3L);
    doc.put("node_type", "array");
    doc.put("shape", longs(m.shape()));
    doc.put("data_type", dataType(a.dir(), t, a.strings()));
    doc.put(
        "chunk_grid",
        Map.of("name", "regular", "configuration", Map.of("chunk_shape", longs(m.chunks()))));
    doc.put(
        "chunk_key_encoding",
        m.shape().length == 0
            ? Map.of("name", "default", "configuration", Map.of("separator", "/"))
            : Map.of(
                "name",
                "v2",
                "configuration",
                Map.of("separator", String.valueOf(m.dimensionSeparator()))));
    doc.put("fill_value", fillValue(t, a.strings(), m.fillValue()));
    doc.put("codecs", codecs(m, t, a.strings()));
    doc.put("attributes", attributes);
    List<String> dims = dimensionNames(attributes, m.shape().length);
    if (dims != null) {
      doc.put("dimension_names", dims);
    }
    return doc;
  }

  private static Object dataType(String dir, DType t, boolean strings) throws ZarrFormatException {
    int bits = 8 * t.itemSize();
    return switch (t.kind()) {
      case BOOL -> "bool";
      case INT -> "int" + bits;
      case UINT -> "uint" + bits;
      case FLOAT -> "float" + bits;
      case COMPLEX -> "complex" + bits;
      case UNICODE ->
          Map.of(
              "name",
              "fixed_length_utf32",
              "configuration",
              Map.of("length_bytes", (long) t.itemSize()));
      case DATETIME, TIMEDELTA -> time(t);
      case BYTES, VOID, STRUCTURED -> "r" + bits;
      case OBJECT -> {
        if (!strings) {
          throw new ZarrFormatException(
              "array '" + dir + "': object arrays other than vlen-utf8 have no v3 type");
        }
        yield "string";
      }
    };
  }

  private static Map<String, Object> time(DType t) {
    String unit = t.unit().orElse("generic");
    int digits = 0;
    while (digits < unit.length() && Character.isDigit(unit.charAt(digits))) {
      digits++;
    }
    long scale = digits == 0 ? 1 : Long.parseLong(unit.substring(0, digits));
    return Map.of(
        "name",
        t.kind() == DType.Kind.DATETIME ? "numpy.datetime64" : "numpy.timedelta64",
        "configuration",
        Map.of("unit", unit.substring(digits), "scale_factor", scale));
  }

  /** The v2 fill value as v3 spells it; v2's {@code null} (no fill) becomes the type's zero. */
  private static Object fillValue(DType t, boolean strings, Object fill) {
    switch (t.kind()) {
      case BOOL:
        return fill instanceof Boolean
            ? fill
            : Boolean.valueOf(fill instanceof Number n && n.doubleValue() != 0);
      case OBJECT:
      case UNICODE:
        return fill instanceof String ? fill : "";
      case BYTES:
      case VOID:
      case STRUCTURED:
        return rawBytes(t.itemSize(), fill);
      case COMPLEX:
        return fill instanceof List ? fill : List.of(0.0, 0.0);
      default:
        return fill == null || !(fill instanceof Number || fill instanceof String) ? 0L : fill;
    }
  }

  private static List<Long> rawBytes(int size, Object fill) {
    byte[] b = new byte[size];
    if (fill instanceof String s) {
      try {
        byte[] decoded = Base64.getDecoder().decode(s);
        System.arraycopy(decoded, 0, b, 0, Math.min(size, decoded.length));
      } catch (IllegalArgumentException e) {
        // not base64: no fill of its own, zeros
      }
    }
    List<Long> out = new ArrayList<>(size);
    for (byte x : b) {
      out.add((long) (x & 0xff));
    }
    return out;
  }

  private static List<Object> codecs(ZarrArrayMetadata m, DType t, boolean strings) {
    List<Object> codecs = new ArrayList<>();
    int rank = m.shape().length;
    if ("F".equals(m.order()) && rank > 1) {
      List<Long> order = new ArrayList<>();
      for (int d = rank - 1; d >= 0; d--) {
        order.add((long) d);
      }
      codecs.add(Map.of("name", "transpose", "configuration", Map.of("order", order)));
    }
    if (strings) {
      codecs.add(Map.of("name", "vlen-utf8"));
    } else {
      String endian = t.order() == ByteOrder.BIG_ENDIAN ? "big" : "little";
      codecs.add(Map.of("name", "bytes", "configuration", Map.of("endian", endian)));
    }
    return codecs;
  }

  private static List<String> dimensionNames(Map<String, Object> attributes, int rank) {
    if (!(attributes.get("_ARRAY_DIMENSIONS") instanceof List<?> dims) || dims.size() != rank) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object d : dims) {
      if (!(d instanceof String s)) {
        return null;
      }
      out.add(s);
    }
    return out;
  }

  private static List<Long> longs(long[] values) {
    List<Long> out = new ArrayList<>(values.length);
    for (long v : values) {
      out.add(v);
    }
    return out;
  }
}
