package io.refzarr.combine;

import io.refzarr.zarr.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Coordinate values in the bytes of a numpy scalar type ({@code <f8}, {@code >i2}, {@code |u1},
 * {@code <U5}, {@code |S4}, {@code <M8[ns]}): decodes chunk bytes into values and encodes them
 * back.
 */
final class CoordinateCodec {
  private final DType dtype;
  private final DType.Kind kind;
  private final int size;
  private final ByteOrder order;

  private CoordinateCodec(DType dtype) {
    this.dtype = dtype;
    this.kind = dtype.kind();
    this.size = dtype.itemSize();
    this.order = dtype.order();
  }

  /**
   * The codec of a type string.
   *
   * @throws IllegalArgumentException if it is no type string, or not of a kind coordinates can have
   */
  static CoordinateCodec parse(String dtype) {
    return of(DType.parse(dtype));
  }

  /**
   * The codec of a dtype.
   *
   * @throws IllegalArgumentException if coordinates cannot have this type
   */
  static CoordinateCodec of(DType dtype) {
    switch (dtype.kind()) {
      case INT:
      case UINT:
      case FLOAT:
      case BOOL:
      case UNICODE:
      case BYTES:
        break;
      case DATETIME:
        if (dtype.unit().isEmpty()) {
          throw new IllegalArgumentException(
              "datetime dtype needs a unit, such as M8[ns]: " + dtype);
        }
        break;
      default:
        throw new IllegalArgumentException("unsupported dtype for coordinates: " + dtype);
    }
    if (dtype.kind() == DType.Kind.FLOAT && dtype.itemSize() != 4 && dtype.itemSize() != 8) {
      throw new IllegalArgumentException("unsupported dtype for coordinates: " + dtype);
    }
    return new CoordinateCodec(dtype);
  }

  DType dtype() {
    return dtype;
  }

  DType.Kind kind() {
    return kind;
  }

  /** Bytes per element. */
  int size() {
    return size;
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
      case FLOAT:
        return size == 4 ? (double) b.getFloat(at) : b.getDouble(at);
      case INT:
      case DATETIME:
        return size == 1
            ? (long) b.get(at)
            : size == 2 ? (long) b.getShort(at) : size == 4 ? (long) b.getInt(at) : b.getLong(at);
      case UINT:
      case BOOL:
        return size == 1
            ? (long) (b.get(at) & 0xff)
            : size == 2
                ? (long) (b.getShort(at) & 0xffff)
                : size == 4 ? (b.getInt(at) & 0xffffffffL) : b.getLong(at);
      case BYTES:
        return trimNul(new String(data(b, at), StandardCharsets.ISO_8859_1));
      default:
        return trimNul(new String(data(b, at), utf32()));
    }
  }

  private Charset utf32() {
    return Charset.forName(order == ByteOrder.BIG_ENDIAN ? "UTF-32BE" : "UTF-32LE");
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
    if (kind == DType.Kind.FLOAT) {
      double d = ((Number) v).doubleValue();
      if (size == 4) {
        b.putFloat(at, (float) d);
      } else {
        b.putDouble(at, d);
      }
    } else if (kind == DType.Kind.BYTES || kind == DType.Kind.UNICODE) {
      byte[] s =
          String.valueOf(v).getBytes(kind == DType.Kind.BYTES ? StandardCharsets.UTF_8 : utf32());
      b.put(at, s, 0, Math.min(s.length, size));
    } else {
      long l = ((Number) v).longValue();
      switch (size) {
        case 1:
          b.put(at, (byte) l);
          break;
        case 2:
          b.putShort(at, (short) l);
          break;
        case 4:
          b.putInt(at, (int) l);
          break;
        default:
          b.putLong(at, l);
      }
    }
  }

  /**
   * Microseconds per unit of an M8 dtype, negative for units finer than a microsecond (-1000 = ns).
   */
  long microsPerUnit() {
    switch (dtype.unit().orElse("")) {
      case "D":
        return 86_400_000_000L;
      case "h":
        return 3_600_000_000L;
      case "m":
        return 60_000_000L;
      case "s":
        return 1_000_000L;
      case "ms":
        return 1_000L;
      case "us":
        return 1L;
      case "ns":
        return -1000L;
      default:
        throw new IllegalArgumentException("unsupported datetime unit in " + dtype);
    }
  }
}
