package io.refzarr.bridge;

import java.nio.ByteBuffer;

/** Reading single little-endian elements as numbers. */
final class Elements {
  private Elements() {}

  static long asLong(DataType t, ByteBuffer b, int i) {
    int at = i * t.size();
    boolean unsigned = t.kind() == DataType.Kind.UINT || t.kind() == DataType.Kind.BOOL;
    return switch (t.size()) {
      case 1 -> unsigned ? b.get(at) & 0xffL : b.get(at);
      case 2 -> unsigned ? b.getShort(at) & 0xffffL : b.getShort(at);
      case 4 -> unsigned ? b.getInt(at) & 0xffffffffL : b.getInt(at);
      case 8 -> b.getLong(at);
      default -> throw new UnsupportedOperationException("not an integer of 1-8 bytes: " + t);
    };
  }

  static double asDouble(DataType t, ByteBuffer b, int i) {
    switch (t.kind()) {
      case FLOAT:
        return t.size() == 4 ? b.getFloat(i * 4) : b.getDouble(i * 8);
      case INT:
      case BOOL:
        return asLong(t, b, i);
      case UINT:
        long v = asLong(t, b, i);
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
      default:
        throw new UnsupportedOperationException("elements are " + t.kind() + ", not numbers");
    }
  }

  static int int32le(byte[] b, int off) {
    return (b[off] & 0xff)
        | (b[off + 1] & 0xff) << 8
        | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }
}
