package io.refzarr.cli;

import io.refzarr.bridge.ArrayData;
import io.refzarr.bridge.DataType;

/**
 * Small arrays as nested JSON lists (numbers as Python's {@code json.dumps} writes them, NaN
 * included).
 */
final class JsonValues {
  private JsonValues() {}

  static String format(ArrayData data) {
    StringBuilder sb = new StringBuilder();
    String[] items = items(data);
    nest(sb, items, data.shape(), 0, 0);
    return sb.toString();
  }

  private static int nest(StringBuilder sb, String[] items, long[] shape, int axis, int at) {
    if (axis == shape.length) {
      sb.append(items[at]);
      return at + 1;
    }
    sb.append('[');
    for (long i = 0; i < shape[axis]; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      at = nest(sb, items, shape, axis + 1, at);
    }
    sb.append(']');
    return at;
  }

  private static String[] items(ArrayData data) {
    DataType t = data.dataType();
    switch (t.kind()) {
      case STRING, BYTES, UNICODE -> {
        String[] s = data.toStringArray();
        String[] out = new String[s.length];
        for (int i = 0; i < s.length; i++) {
          out[i] = quote(s[i]);
        }
        return out;
      }
      case BOOL -> {
        boolean[] b = data.toBooleanArray();
        String[] out = new String[b.length];
        for (int i = 0; i < b.length; i++) {
          out[i] = b[i] ? "true" : "false";
        }
        return out;
      }
      case FLOAT -> {
        double[] d = data.toDoubleArray();
        String[] out = new String[d.length];
        for (int i = 0; i < d.length; i++) {
          out[i] = number(d[i], t.size());
        }
        return out;
      }
      case INT, UINT -> {
        long[] v = data.toLongArray();
        String[] out = new String[v.length];
        for (int i = 0; i < v.length; i++) {
          out[i] =
              t.kind() == DataType.Kind.UINT ? Long.toUnsignedString(v[i]) : Long.toString(v[i]);
        }
        return out;
      }
      default ->
          throw new UnsupportedOperationException(
              t.kind() + " values cannot be printed as JSON; use -o");
    }
  }

  private static String number(double v, int size) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    return size == 4 ? Float.toString((float) v) : Double.toString(v);
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return sb.append('"').toString();
  }
}
