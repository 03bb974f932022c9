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

  static byte[] element(DataType t, Object fill) throws ZarrFormatException {
    ByteBuffer b = ByteBuffer.allocate(t.size()).order(ByteOrder.LITTLE_ENDIAN);
    if (fill == null) {
      return b.array();
    }
    try {
      switch (t.kind()) {
        case BOOL -> b.put((byte) (Boolean.TRUE.equals(fill) || isNonZero(fill) ? 1 : 0));
        case INT, UINT, DATETIME, TIMEDELTA -> putInteger(b, t.size(), integer(fill));
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
          "fill_value " + fill + " does not fit dtype " + t.kind() + t.size(), e);
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

  private static long integer(Object fill) {
    if (fill instanceof BigInteger big) {
      return big.longValue();
    }
    if (fill instanceof Number n) {
      return n.longValue();
    }
    if ("NaT".equals(fill)) {
      return Long.MIN_VALUE;
    }
    throw new IllegalArgumentException("not an integer");
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
