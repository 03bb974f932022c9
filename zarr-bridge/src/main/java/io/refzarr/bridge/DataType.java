package io.refzarr.bridge;

import io.refzarr.zarr.DType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An element type: a numpy type string ({@code "<f4"}, {@code ">i2"}, {@code "|S10"}, {@code
 * "<U3"}, {@code "|b1"}, {@code "|O"}), a structured type (a list of named fields), or a Zarr v3
 * data type name. This is the decoder's view of a type: Zarr v2 dtypes are parsed by {@link DType}
 * and narrowed here to what the decoder supports.
 *
 * @param kind what the bytes mean
 * @param size bytes per element in a chunk (0 for {@link Kind#STRING}, whose elements have no fixed
 *     size)
 * @param order byte order of the stored elements (little-endian for single-byte kinds)
 * @param fields the fields of a {@link Kind#STRUCT}, in storage order (empty otherwise)
 */
public record DataType(Kind kind, int size, ByteOrder order, List<Field> fields) {

  /** What the bytes of an element mean. */
  public enum Kind {
    BOOL,
    INT,
    UINT,
    FLOAT,
    COMPLEX,
    BYTES,
    UNICODE,
    STRING,
    STRUCT,
    RAW,
    DATETIME,
    TIMEDELTA
  }

  /** One field of a structured type, at {@code offset} bytes into the record. */
  public record Field(String name, DataType type, int offset) {}

  public DataType {
    fields = List.copyOf(fields);
    if (size < 0) {
      throw new IllegalArgumentException("negative element size");
    }
  }

  /**
   * Parses a Zarr v2 {@code dtype}: a type string or a list of {@code [name, type]} pairs.
   *
   * @throws ZarrFormatException if the type is not understood
   */
  public static DataType parseV2(Object dtype) throws ZarrFormatException {
    try {
      return of(DType.parse(dtype));
    } catch (IllegalArgumentException e) {
      throw new ZarrFormatException("unsupported dtype " + dtype + ": " + e.getMessage(), e);
    }
  }

  /**
   * The decoder's view of a Zarr v2 dtype.
   *
   * @throws ZarrFormatException if refzarr cannot decode elements of this type
   */
  public static DataType of(DType dtype) throws ZarrFormatException {
    if (dtype.isStructured()) {
      return struct(dtype);
    }
    Kind kind =
        switch (dtype.kind()) {
          case BOOL -> Kind.BOOL;
          case INT -> Kind.INT;
          case UINT -> Kind.UINT;
          case FLOAT -> Kind.FLOAT;
          case COMPLEX -> Kind.COMPLEX;
          case BYTES -> Kind.BYTES;
          case UNICODE -> Kind.UNICODE;
          case OBJECT -> Kind.STRING;
          case VOID -> Kind.RAW;
          case DATETIME -> Kind.DATETIME;
          case TIMEDELTA -> Kind.TIMEDELTA;
          case STRUCTURED -> Kind.STRUCT;
        };
    int size = kind == Kind.STRING ? 0 : dtype.itemSize();
    if (kind != Kind.STRING && size == 0 && kind != Kind.BYTES || !validSize(kind, size)) {
      throw new ZarrFormatException("unsupported dtype " + dtype);
    }
    return new DataType(kind, size, dtype.order(), List.of());
  }

  /** Parses a Zarr v3 {@code data_type} name such as {@code "float32"} or {@code "bool"}. */
  public static DataType parseV3(Object name, ByteOrder order) throws ZarrFormatException {
    String n = String.valueOf(name);
    return switch (n) {
      case "bool" -> new DataType(Kind.BOOL, 1, order, List.of());
      case "int8", "int16", "int32", "int64" ->
          new DataType(Kind.INT, bits(n, 3) / 8, order, List.of());
      case "uint8", "uint16", "uint32", "uint64" ->
          new DataType(Kind.UINT, bits(n, 4) / 8, order, List.of());
      case "float32", "float64" -> new DataType(Kind.FLOAT, bits(n, 5) / 8, order, List.of());
      case "float16" -> throw new ZarrFormatException("unsupported data type float16");
      case "complex64", "complex128" ->
          new DataType(Kind.COMPLEX, bits(n, 7) / 8, order, List.of());
      default -> throw new ZarrFormatException("unsupported Zarr v3 data type " + n);
    };
  }

  private static int bits(String n, int from) {
    return Integer.parseInt(n.substring(from));
  }

  private static boolean validSize(Kind kind, int size) {
    return switch (kind) {
      case INT, UINT -> size == 1 || size == 2 || size == 4 || size == 8;
      case FLOAT -> size == 4 || size == 8;
      case COMPLEX -> size == 8 || size == 16;
      case DATETIME, TIMEDELTA -> size == 8;
      case BOOL -> size == 1;
      default -> true;
    };
  }

  private static DataType struct(DType dtype) throws ZarrFormatException {
    List<Field> fields = new ArrayList<>();
    for (DType.Field f : dtype.fields()) {
      DataType t = f.type().isStructured() || !f.shape().isEmpty() ? null : of(f.type());
      if (t == null || t.kind == Kind.STRING) {
        throw new ZarrFormatException(
            "unsupported structured dtype field "
                + f.name()
                + " "
                + f.type()
                + (f.shape().isEmpty() ? "" : " " + f.shape()));
      }
      fields.add(new Field(f.name(), t, f.offset()));
    }
    return new DataType(Kind.STRUCT, dtype.itemSize(), ByteOrder.LITTLE_ENDIAN, fields);
  }

  /**
   * The numpy type string of this type ({@code "<f4"}, {@code "|S10"}, {@code "|b1"}, {@code
   * "|O"}), or for a structured type its fields as numpy's list form ({@code [('x', '<i4'), ('y',
   * '>f8')]}).
   */
  public String typestr() {
    if (kind == Kind.STRUCT) {
      StringBuilder sb = new StringBuilder("[");
      for (Field f : fields) {
        sb.append(sb.length() > 1 ? ", " : "")
            .append("('")
            .append(f.name)
            .append("', '")
            .append(f.type.typestr())
            .append("')");
      }
      return sb.append(']').toString();
    }
    char code =
        switch (kind) {
          case BOOL -> 'b';
          case INT -> 'i';
          case UINT -> 'u';
          case FLOAT -> 'f';
          case COMPLEX -> 'c';
          case BYTES -> 'S';
          case UNICODE -> 'U';
          case STRING -> 'O';
          case RAW -> 'V';
          case DATETIME -> 'M';
          case TIMEDELTA -> 'm';
          default -> throw new IllegalStateException();
        };
    String prefix = swapUnit() > 1 ? (order == ByteOrder.BIG_ENDIAN ? ">" : "<") : "|";
    String count =
        kind == Kind.STRING ? "" : String.valueOf(kind == Kind.UNICODE ? size / 4 : size);
    return prefix + code + count;
  }

  /** Bytes per byte-swapped unit: the element size for numbers, half of it for complex, else 1. */
  int swapUnit() {
    return switch (kind) {
      case INT, UINT, FLOAT, DATETIME, TIMEDELTA -> size;
      case COMPLEX -> size / 2;
      case UNICODE -> 4;
      default -> 1;
    };
  }

  /** True if stored elements must be byte-swapped to become little-endian. */
  boolean needsSwap() {
    return order == ByteOrder.BIG_ENDIAN && swapUnit() > 1
        || kind == Kind.STRUCT && fields.stream().anyMatch(f -> f.type.needsSwap());
  }

  /** The same type in little-endian order (how {@link ArrayData} holds values). */
  public DataType littleEndian() {
    if (kind == Kind.STRUCT) {
      return new DataType(
          kind,
          size,
          ByteOrder.LITTLE_ENDIAN,
          fields.stream().map(f -> new Field(f.name, f.type.littleEndian(), f.offset)).toList());
    }
    return new DataType(kind, size, ByteOrder.LITTLE_ENDIAN, fields);
  }
}
