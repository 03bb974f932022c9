package io.refzarr.combine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numpy scalar type string ({@code <f8}, {@code >i2}, {@code |u1}, {@code <U5}, {@code |S4},
 * {@code <M8[ns]}): decodes chunk bytes into coordinate values and encodes them back.
 *
 * @param kind numpy kind letter: {@code i u f b U S M}
 * @param size bytes per element
 */
record DType(String text, char kind, int size, ByteOrder order, String unit) {
  private static final Pattern FORM = Pattern.compile("([<>|=]?)([iufbUSM])(\\d*)(?:\\[(\\w+)\\])?");

  static DType parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("unsupported dtype for coordinates: " + text);
    }
    char kind = m.group(2).charAt(0);
    int n = m.group(3).isEmpty() ? (kind == 'b' ? 1 : 8) : Integer.parseInt(m.group(3));
    int size = kind == 'U' ? 4 * n : n;
    ByteOrder order = m.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    if (kind == 'M' && m.group(4) == null) {
      throw new IllegalArgumentException("datetime dtype needs a unit, such as M8[ns]: " + text);
    }
    return new DType(text, kind, size, order, m.group(4));
  }

  /** The first {@code count} elements of decoded chunk bytes. */
  List<Object> decode(byte[] data, int count) {
    ByteBuffer b = ByteBuffer.wrap(data).order(order);
    List<Object> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(read(b, i * size));
    }
    return out;
  }

  private Object read(ByteBuffer b, int at) {
    switch (kind) {
      case 'f':
        return size == 4 ? (double) b.getFloat(at) : b.getDouble(at);
      case 'i': case 'M':
        return size == 1 ? (long) b.get(at) : size == 2 ? (long) b.getShort(at)
            : size == 4 ? (long) b.getInt(at) : b.getLong(at);
      case 'u': case 'b':
        return size == 1 ? (long) (b.get(at) & 0xff) : size == 2 ? (long) (b.getShort(at) & 0xffff)
            : size == 4 ? (b.getInt(at) & 0xffffffffL) : b.getLong(at);
      case 'S':
        return trimNul(new String(data(b, at), StandardCharsets.ISO_8859_1));
      default:
        return trimNul(new String(data(b, at), utf32()));
    }
  }

  private java.nio.charset.Charset utf32() {
    return java.nio.charset.Charset.forName(order == ByteOrder.BIG_ENDIAN ? "UTF-32BE" : "UTF-32LE");
  }

  private byte[] data(ByteBuffer b, int at) {
    byte[] out = new byte[size];
    b.get(at, out);
    return out;
  }

  private static String trimNul(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == 0) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Encodes values (already coerced: Long/Double/String, or epoch values for M8) as one chunk. */
  byte[] encode(List<?> values) {
    ByteBuffer b = ByteBuffer.allocate(values.size() * size).order(order);
    for (int i = 0; i < values.size(); i++) {
      write(b, i * size, values.get(i));
    }
    return b.array();
  }

  private void write(ByteBuffer b, int at, Object v) {
    if (kind == 'f') {
      double d = ((Number) v).doubleValue();
      if (size == 4) {
        b.putFloat(at, (float) d);
      } else {
        b.putDouble(at, d);
      }
    } else if (kind == 'S' || kind == 'U') {
      byte[] s = String.valueOf(v).getBytes(kind == 'S' ? StandardCharsets.UTF_8
          : utf32());
      b.put(at, s, 0, Math.min(s.length, size));
    } else {
      long l = ((Number) v).longValue();
      switch (size) {
        case 1: b.put(at, (byte) l); break;
        case 2: b.putShort(at, (short) l); break;
        case 4: b.putInt(at, (int) l); break;
        default: b.putLong(at, l);
      }
    }
  }

  /** Microseconds per unit of an M8 dtype, negative for units finer than a microsecond (-1000 = ns). */
  long microsPerUnit() {
    switch (unit) {
      case "D": return 86_400_000_000L;
      case "h": return 3_600_000_000L;
      case "m": return 60_000_000L;
      case "s": return 1_000_000L;
      case "ms": return 1_000L;
      case "us": return 1L;
      case "ns": return -1000L;
      default: throw new IllegalArgumentException("unsupported datetime unit in " + text);
    }
  }
}
