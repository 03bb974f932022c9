package io.refzarr.bridge.codec;

import io.refzarr.zarr.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A numeric numpy type string ({@code "<i4"}, {@code ">f8"}, {@code "|u1"}) for the arithmetic
 * filters, parsed by {@link DType}.
 */
record NumType(char kind, int size, ByteOrder order) {

  static NumType parse(Object typestr) throws CodecException {
    DType t;
    try {
      t = DType.parse(typestr);
    } catch (IllegalArgumentException e) {
      throw new CodecException("not a numeric dtype: " + typestr, e);
    }
    if (t.kind() != DType.Kind.INT && t.kind() != DType.Kind.UINT && t.kind() != DType.Kind.FLOAT) {
      throw new CodecException("not a numeric dtype: " + typestr);
    }
    if (t.kind() == DType.Kind.FLOAT && t.itemSize() != 4 && t.itemSize() != 8) {
      throw new CodecException("unsupported numeric dtype: " + typestr);
    }
    return new NumType(t.kind().code(), t.itemSize(), t.order());
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

  /**
   * Stores {@code v} the way numpy's {@code astype} does: floats as they are, integers truncated.
   */
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
