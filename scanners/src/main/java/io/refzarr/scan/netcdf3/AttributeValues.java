package io.refzarr.scan.netcdf3;

import io.refzarr.scan.netcdf3.Header.Attribute;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * netCDF attributes as JSON tree values that keep their types: text as a string, one number as a
 * JSON number, several as a list (kerchunk writes {@code str(value)} instead, such as {@code "[ 1
 * -2 3]"}). Also decides a variable's Zarr {@code fill_value}.
 */
final class AttributeValues {
  static final String FILL_VALUE = "_FillValue";
  static final String MISSING_VALUE = "missing_value";

  private AttributeValues() {}

  /** The attributes as a JSON object, leaving out the names in {@code omit}. */
  static Map<String, Object> toJson(List<Attribute> attrs, List<String> omit) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Attribute a : attrs) {
      if (!omit.contains(a.name())) {
        out.put(a.name(), value(a));
      }
    }
    return out;
  }

  /** One attribute's value: a string for text, a number for one value, else a list. */
  static Object value(Attribute a) {
    if (a.type() == NcType.CHAR) {
      return text(a.raw());
    }
    List<Object> values = numbers(a);
    return values.size() == 1 ? values.get(0) : values;
  }

  /** Text attributes lose trailing NULs (C writers often count the terminator), as scipy does. */
  private static String text(byte[] raw) {
    int n = raw.length;
    while (n > 0 && raw[n - 1] == 0) {
      n--;
    }
    return new String(raw, 0, n, StandardCharsets.UTF_8);
  }

  private static List<Object> numbers(Attribute a) {
    ByteBuffer b = ByteBuffer.wrap(a.raw());
    List<Object> out = new ArrayList<>(a.count());
    for (int i = 0; i < a.count(); i++) {
      out.add(number(a.type(), b, i * a.type().size));
    }
    return out;
  }

  /** Element {@code i} (at byte {@code at}) as Long, Double or BigInteger. */
  static Object number(NcType type, ByteBuffer b, int at) {
    switch (type) {
      case BYTE:
        return (long) b.get(at);
      case UBYTE:
        return (long) (b.get(at) & 0xff);
      case SHORT:
        return (long) b.getShort(at);
      case USHORT:
        return (long) (b.getShort(at) & 0xffff);
      case INT:
        return (long) b.getInt(at);
      case UINT:
        return b.getInt(at) & 0xffffffffL;
      case INT64:
        return b.getLong(at);
      case UINT64:
        long v = b.getLong(at);
        return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
      case FLOAT:
        return floatValue(b.getFloat(at));
      case DOUBLE:
        return b.getDouble(at);
      default:
        throw new IllegalArgumentException("not a numeric type: " + type);
    }
  }

  /**
   * A float as the double with the float's shortest decimal form (0.1f becomes 0.1, not
   * 0.100000001).
   */
  private static double floatValue(float f) {
    return Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : (double) f;
  }

  /**
   * A variable's Zarr {@code fill_value} and the attributes it replaces.
   *
   * @param value the JSON fill value, or null
   * @param replaced attribute names to leave out of {@code .zattrs}
   */
  record Fill(Object value, List<String> replaced) {}

  /**
   * The fill of a variable: from {@code _FillValue}, else {@code missing_value}, each only when it
   * holds exactly one value of a usable type; null when neither does. Floats widen exactly (as
   * kerchunk's {@code float(fill)}), so the fill compares equal to the stored values; NaN and
   * infinities are the Zarr strings; integers from a float attribute truncate as Python's {@code
   * int()}. The attribute used is left out of the attributes, and so is the other one when it says
   * the same; a different or multi-valued {@code missing_value} stays (kerchunk drops both, losing
   * it).
   */
  static Fill fill(NcType type, List<Attribute> attrs) {
    Attribute fill = find(attrs, FILL_VALUE);
    Attribute missing = find(attrs, MISSING_VALUE);
    Object fromFill = fillOf(type, fill);
    Object fromMissing = fillOf(type, missing);
    Object value = fromFill != null ? fromFill : fromMissing;
    if (value == null) {
      return new Fill(null, List.of());
    }
    List<String> replaced = new ArrayList<>();
    if (value.equals(fromFill)) {
      replaced.add(FILL_VALUE);
    }
    if (value.equals(fromMissing)) {
      replaced.add(MISSING_VALUE);
    }
    return new Fill(value, replaced);
  }

  private static Object fillOf(NcType type, Attribute a) {
    if (a == null || a.count() != 1) {
      return null;
    }
    if (type == NcType.CHAR || a.type() == NcType.CHAR) {
      return type == NcType.CHAR && a.type() == NcType.CHAR
          ? Base64.getEncoder().encodeToString(new byte[] {a.raw()[0]})
          : null;
    }
    Object v = exactNumber(a);
    return type.isFloat() ? floatFill(v) : integerFill(v);
  }

  private static Object exactNumber(Attribute a) {
    ByteBuffer b = ByteBuffer.wrap(a.raw());
    return a.type() == NcType.FLOAT ? (double) b.getFloat(0) : number(a.type(), b, 0);
  }

  private static Object floatFill(Object v) {
    double d = v instanceof Double ? (Double) v : ((Number) v).doubleValue();
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return d;
  }

  private static Object integerFill(Object v) {
    if (!(v instanceof Double)) {
      return v;
    }
    double d = (Double) v;
    return Double.isFinite(d) ? (Object) (long) d : null;
  }

  static Attribute find(List<Attribute> attrs, String name) {
    for (Attribute a : attrs) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return null;
  }
}
