package io.refzarr.bridge.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A numeric numpy type string ({@code "<i4"}, {@code ">f8"}, {@code "|u1"}) for the arithmetic filters. */
record NumType(char kind, int size, ByteOrder order) {

  static NumType parse(Object typestr) throws CodecException {
    String s = String.valueOf(typestr);
    if (s.length() < 3 || "<>|=".indexOf(s.charAt(0)) < 0 || "iuf".indexOf(s.charAt(1)) < 0) {
      throw new CodecException("not a numeric dtype: " + s);
    }
    int size = Integer.parseInt(s.substring(2));
    if (size != 1 && size != 2 && size != 4 && size != 8 || s.charAt(1) == 'f' && size < 4) {
      throw new CodecException("unsupported numeric dtype: " + s);
    }
    ByteOrder order = s.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    return new NumType(s.charAt(1), size, order);
  }

  boolean isFloat() {
    return kind == 'f';
  }

  ByteBuffer wrap(byte[] b) {
    return ByteBuffer.wrap(b).order(order);
  }

  long getLong(ByteBuffer b, int i) {
    int at = i * size;
    return switch (size) {
      case 1 -> kind == 'u' ? b.get(at) & 0xffL : b.get(at);
      case 2 -> kind == 'u' ? b.getShort(at) & 0xffffL : b.getShort(at);
      case 4 -> kind == 'u' ? b.getInt(at) & 0xffffffffL : b.getInt(at);
      default -> b.getLong(at);
    };
  }

  double getDouble(ByteBuffer b, int i) {
    if (kind == 'f') {
      return size == 4 ? b.getFloat(i * size) : b.getDouble(i * size);
    }
    long v = getLong(b, i);
    return kind == 'u' && size == 8 && v < 0 ? (double) (v >>> 1) * 2.0 + (v & 1) : v;
  }

  void putLong(ByteBuffer b, int i, long v) {
    int at = i * size;
    switch (size) {
      case 1 -> b.put(at, (byte) v);
      case 2 -> b.putShort(at, (short) v);
      case 4 -> b.putInt(at, (int) v);
      default -> b.putLong(at, v);
    }
  }

  /** Stores {@code v} the way numpy's {@code astype} does: floats as they are, integers truncated. */
  void putDouble(ByteBuffer b, int i, double v) {
    if (kind == 'f') {
      if (size == 4) {
        b.putFloat(i * size, (float) v);
      } else {
        b.putDouble(i * size, v);
      }
    } else {
      putLong(b, i, (long) v);
    }
  }
}
