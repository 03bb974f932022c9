package io.refzarr.combine;

import io.refzarr.zarr.DType;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Coordinate values: Long, Double, String or {@link CfDate}. Normalises what users and JSON give,
 * orders values (numbers numerically, whatever their Java type) and coerces them to a {@code
 * coo_dtype}.
 */
final class CoordValues {
  private CoordValues() {}

  /**
   * Orders values of one kind; mixing kinds is an error. Serializable: sorted sets of values travel
   * in layouts.
   */
  static final Comparator<Object> ORDER = (Comparator<Object> & Serializable) CoordValues::compare;

  /** A value, list or Java array as a list of normalised values. */
  static List<Object> flatten(Object v) {
    List<Object> out = new ArrayList<>();
    add(out, v);
    return out;
  }

  private static void add(List<Object> out, Object v) {
    if (v instanceof Collection) {
      for (Object o : (Collection<?>) v) {
        add(out, o);
      }
    } else if (v != null && v.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(v); i++) {
        add(out, Array.get(v, i));
      }
    } else {
      out.add(normalise(v));
    }
  }

  static Object normalise(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float) {
      return ((Float) v).doubleValue();
    }
    if (v instanceof BigInteger) {
      return ((BigInteger) v).bitLength() < 64
          ? ((BigInteger) v).longValue()
          : ((BigInteger) v).doubleValue();
    }
    if (v instanceof Long || v instanceof Double || v instanceof String || v instanceof CfDate) {
      return v;
    }
    if (v instanceof Boolean) {
      return ((Boolean) v) ? 1L : 0L;
    }
    throw new IllegalArgumentException(
        "not a coordinate value: " + v + (v == null ? "" : " (" + v.getClass().getName() + ")"));
  }

  static int compare(Object a, Object b) {
    if (a instanceof Long && b instanceof Long) {
      return Long.compare((Long) a, (Long) b);
    }
    if (a instanceof Number && b instanceof Number) {
      return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    if (a instanceof String && b instanceof String) {
      return ((String) a).compareTo((String) b);
    }
    if (a instanceof CfDate && b instanceof CfDate) {
      return ((CfDate) a).compareTo((CfDate) b);
    }
    throw new IllegalArgumentException(
        "coordinate values of different kinds do not compare: " + a + " and " + b);
  }

  /** {@code v} as a value of {@code dtype} (numpy type string), or unchanged when dtype is null. */
  static Object coerce(Object v, String dtype) {
    if (dtype == null) {
      return v;
    }
    switch (DType.parse(dtype).kind()) {
      case INT:
      case UINT:
      case BOOL:
        if (v instanceof String) {
          return Long.parseLong(((String) v).trim());
        }
        if (v instanceof Double) {
          return (long) (double) (Double) v;
        }
        return v;
      case FLOAT:
        if (v instanceof String) {
          return Double.parseDouble(((String) v).trim());
        }
        return v instanceof Number ? ((Number) v).doubleValue() : v;
      case UNICODE:
      case BYTES:
        return v instanceof String ? v : String.valueOf(v);
      default:
        return v; // M8: CF times stay CfDate until written
    }
  }
}
