package io.refzarr.bridge;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The JSON {@code fill_value} of an array as one little-endian element: numbers, {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"}, hex bit patterns ({@code "0x7fc00000"}, Zarr v3),
 * booleans, base64 for fixed-size bytes and records (Zarr v2), text for unicode. {@code null} means
 * zeros.
 */
final class FillValues {
  private FillValues() {}

  /** The fill value of the array {@code name} as one element of type {@code t}. */
  static byte[] element(String name, DataType t, Object fill) throws ZarrFormatException {
    ByteBuffer b = ByteBuffer.allocate(t.size()).order(ByteOrder.LITTLE_ENDIAN);
    if (fill == null) {
      return b.array();
    }
    try {
      switch (t.kind()) {
        case BOOL -> b.put((byte) (Boolean.TRUE.equals(fill) || isNonZero(fill) ? 1 : 0));
        case INT, UINT, DATETIME, TIMEDELTA -> putInteger(b, t.size(), integer(fill, t.size()));
        case FLOAT -> putFloat(b, t.size(), real(fill));
        case COMPLEX -> putComplex(b, t.size() / 2, fill);
        case UNICODE -> b.put(utf32(String.valueOf(fill), t.size()));
        case BYTES, RAW, STRUCT -> b.put(padded(fill, t.size()));
        default -> {
          return b.array();
        }
      }
    } catch (RuntimeException e) {
      throw new ZarrFormatException(
          "array '" + name + "': fill_value " + fill + " does not fit dtype " + t.kind() + t.size(),
          e);
    }
    return b.array();
  }

  /** The fill value of variable-length strings. */
  static String string(Object fill) {
    return fill == null ? "" : String.valueOf(fill);
  }

  private static boolean isNonZero(Object fill) {
    return fill instanceof Number n && n.doubleValue() != 0;
  }

  /**
   * An integer fill value's bits. Values that fit the width as a signed or as an unsigned number
   * are taken (-1 for {@code u1} is 255, as NumPy 1 wrapped it); wider ones are refused, as NumPy 2
   * refuses them, instead of keeping their low bits.
   */
  private static long integer(Object fill, int size) {
    if ("NaT".equals(fill)) {
      return Long.MIN_VALUE;
    }
    BigInteger v;
    if (fill instanceof BigInteger big) {
      v = big;
    } else if (fill instanceof Double || fill instanceof Float) {
      v = new java.math.BigDecimal(((Number) fill).doubleValue()).toBigInteger();
    } else if (fill instanceof Number n) {
      v = BigInteger.valueOf(n.longValue());
    } else {
      throw new IllegalArgumentException("not an integer");
    }
    int bits = 8 * size;
    if (v.compareTo(BigInteger.ONE.shiftLeft(bits - 1).negate()) < 0
        || v.compareTo(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)) > 0) {
      throw new IllegalArgumentException("out of range");
    }
    return v.longValue();
  }

  static double real(Object fill) {
    if (fill instanceof Number n) {
      return n.doubleValue();
    }
    String s = String.valueOf(fill);
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> {
        if (s.startsWith("0x")) {
          long bits = Long.parseUnsignedLong(s.substring(2), 16);
          yield s.length() <= 10 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
        }
        throw new IllegalArgumentException("not a number");
      }
    };
  }

  private static void putInteger(ByteBuffer b, int size, long v) {
    switch (size) {
      case 1 -> b.put((byte) v);
      case 2 -> b.putShort((short) v);
      case 4 -> b.putInt((int) v);
      default -> b.putLong(v);
    }
  }

  private static void putFloat(ByteBuffer b, int size, double v) {
    if (size == 4) {
      b.putFloat((float) v);
    } else {
      b.putDouble(v);
    }
  }

  private static void putComplex(ByteBuffer b, int half, Object fill) {
    List<?> parts = fill instanceof List<?> l ? l : List.of(fill, 0);
    putFloat(b, half, real(parts.get(0)));
    putFloat(b, half, real(parts.get(1)));
  }

  private static byte[] utf32(String s, int size) {
    byte[] text = s.getBytes(java.nio.charset.Charset.forName("UTF-32LE"));
    return java.util.Arrays.copyOf(text, size);
  }

  private static byte[] padded(Object fill, int size) {
    byte[] raw =
        fill instanceof String s
            ? Base64.getDecoder().decode(s)
            : String.valueOf(fill).getBytes(StandardCharsets.ISO_8859_1);
    return java.util.Arrays.copyOf(raw, size);
  }
}
