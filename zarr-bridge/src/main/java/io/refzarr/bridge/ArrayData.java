package io.refzarr.bridge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Values read from an array, in C order: fixed-size elements as little-endian bytes (numbers, bool,
 * fixed strings, records), variable-length strings as {@code String}s. The typed {@code to...Array}
 * methods copy and check that the conversion is exact for the element type.
 */
public final class ArrayData {
  private final long[] shape;
  private final DataType type;
  private final byte[] bytes;
  private final String[] strings;

  ArrayData(long[] shape, DataType type, byte[] bytes, String[] strings) {
    this.shape = shape.clone();
    this.type = type;
    this.bytes = bytes;
    this.strings = strings;
  }

  /** The shape of the values (axes picked by a single index are left out). */
  public long[] shape() {
    return shape.clone();
  }

  /** The element type, little-endian. */
  public DataType dataType() {
    return type;
  }

  /** The number of elements. */
  public int size() {
    return strings != null ? strings.length : bytes.length / Math.max(1, type.size());
  }

  /** A read-only little-endian view of the element bytes. */
  public ByteBuffer buffer() {
    requireFixedSize();
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** A copy of the element bytes (little-endian). */
  public byte[] toByteArray() {
    requireFixedSize();
    return bytes.clone();
  }

  public float[] toFloatArray() {
    require(type.kind() == DataType.Kind.FLOAT && type.size() == 4, "float32");
    float[] out = new float[size()];
    buffer().asFloatBuffer().get(out);
    return out;
  }

  /** Values of any integer, float or bool type as doubles (64-bit integers may round). */
  public double[] toDoubleArray() {
    double[] out = new double[size()];
    ByteBuffer b = buffer();
    for (int i = 0; i < out.length; i++) {
      out[i] = Elements.asDouble(type, b, i);
    }
    return out;
  }

  /** Values of integer types up to 32 bits (unsigned 32-bit excluded) and bool. */
  public int[] toIntArray() {
    boolean ok =
        type.kind() == DataType.Kind.INT && type.size() <= 4
            || type.kind() == DataType.Kind.UINT && type.size() <= 2
            || type.kind() == DataType.Kind.BOOL;
    require(ok, "an integer type that fits int");
    int[] out = new int[size()];
    ByteBuffer b = buffer();
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) Elements.asLong(type, b, i);
    }
    return out;
  }

  /**
   * Values of integer types (unsigned 64-bit values wrap, as {@code Long.toUnsignedString} reads
   * them).
   */
  public long[] toLongArray() {
    require(
        type.kind() == DataType.Kind.INT
            || type.kind() == DataType.Kind.UINT
            || type.kind() == DataType.Kind.BOOL,
        "an integer type");
    long[] out = new long[size()];
    ByteBuffer b = buffer();
    for (int i = 0; i < out.length; i++) {
      out[i] = Elements.asLong(type, b, i);
    }
    return out;
  }

  public short[] toShortArray() {
    require(
        (type.kind() == DataType.Kind.INT || type.kind() == DataType.Kind.UINT) && type.size() == 2,
        "16-bit");
    short[] out = new short[size()];
    buffer().asShortBuffer().get(out);
    return out;
  }

  public boolean[] toBooleanArray() {
    require(type.kind() == DataType.Kind.BOOL, "bool");
    boolean[] out = new boolean[bytes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes[i] != 0;
    }
    return out;
  }

  /**
   * Text values: variable-length strings as stored, fixed-size bytes as latin-1 and fixed-size
   * unicode as UTF-32, both without trailing NULs (as numpy shows them).
   */
  public String[] toStringArray() {
    if (strings != null) {
      return strings.clone();
    }
    require(
        type.kind() == DataType.Kind.BYTES || type.kind() == DataType.Kind.UNICODE,
        "a string type");
    String[] out = new String[size()];
    int w = type.size();
    for (int i = 0; i < out.length; i++) {
      int end = i * w + w;
      if (type.kind() == DataType.Kind.BYTES) {
        while (end > i * w && bytes[end - 1] == 0) {
          end--;
        }
        out[i] = new String(bytes, i * w, end - i * w, StandardCharsets.ISO_8859_1);
      } else {
        while (end > i * w && Elements.int32le(bytes, end - 4) == 0) {
          end -= 4;
        }
        out[i] = new String(bytes, i * w, end - i * w, Charset32.UTF_32LE);
      }
    }
    return out;
  }

  private void requireFixedSize() {
    if (bytes == null) {
      throw new UnsupportedOperationException(
          "variable-length strings have no bytes; use toStringArray()");
    }
  }

  private void require(boolean ok, String what) {
    requireFixedSize();
    if (!ok) {
      throw new UnsupportedOperationException(
          "elements are " + type.kind() + " of " + type.size() + " bytes, not " + what);
    }
  }

  private static final class Charset32 {
    static final java.nio.charset.Charset UTF_32LE = java.nio.charset.Charset.forName("UTF-32LE");
  }
}
