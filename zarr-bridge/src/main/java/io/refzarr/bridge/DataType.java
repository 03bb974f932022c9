package io.refzarr.bridge;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An element type: a numpy type string ({@code "<f4"}, {@code ">i2"}, {@code "|S10"}, {@code "<U3"},
 * {@code "|b1"}, {@code "|O"}), a structured type (a list of named fields), or a Zarr v3 data type name.
 *
 * @param kind what the bytes mean
 * @param size bytes per element in a chunk (0 for {@link Kind#STRING}, whose elements have no fixed size)
 * @param order byte order of the stored elements (little-endian for single-byte kinds)
 * @param fields the fields of a {@link Kind#STRUCT}, in storage order (empty otherwise)
 */
public record DataType(Kind kind, int size, ByteOrder order, List<Field> fields) {

  /** What the bytes of an element mean. */
  public enum Kind {
    BOOL, INT, UINT, FLOAT, COMPLEX, BYTES, UNICODE, STRING, STRUCT, RAW, DATETIME, TIMEDELTA
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
    if (dtype instanceof List<?> list) {
      return parseStruct(list);
    }
    if (!(dtype instanceof String s) || s.length() < 2) {
      throw new ZarrFormatException("unsupported dtype " + dtype);
    }
    char first = s.charAt(0);
    ByteOrder order = first == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    String rest = "<>|=".indexOf(first) >= 0 ? s.substring(1) : s;
    char code = rest.charAt(0);
    int size = rest.length() > 1 ? parseSize(rest.substring(1), s) : 0;
    Kind kind = switch (code) {
      case 'b' -> Kind.BOOL;
      case 'i' -> Kind.INT;
      case 'u' -> Kind.UINT;
      case 'f' -> Kind.FLOAT;
      case 'c' -> Kind.COMPLEX;
      case 'S' -> Kind.BYTES;
      case 'U' -> Kind.UNICODE;
      case 'O' -> Kind.STRING;
      case 'V' -> Kind.RAW;
      case 'M' -> Kind.DATETIME;
      case 'm' -> Kind.TIMEDELTA;
      default -> throw new ZarrFormatException("unsupported dtype " + s);
    };
    if (kind == Kind.UNICODE) {
      size *= 4;
    }
    if (kind == Kind.BOOL && size == 0) {
      size = 1;
    }
    if (kind != Kind.STRING && size == 0 && kind != Kind.BYTES || !validSize(kind, size)) {
      throw new ZarrFormatException("unsupported dtype " + s);
    }
    return new DataType(kind, size, order, List.of());
  }

  /** Parses a Zarr v3 {@code data_type} name such as {@code "float32"} or {@code "bool"}. */
  public static DataType parseV3(Object name, ByteOrder order) throws ZarrFormatException {
    String n = String.valueOf(name);
    return switch (n) {
      case "bool" -> new DataType(Kind.BOOL, 1, order, List.of());
      case "int8", "int16", "int32", "int64" -> new DataType(Kind.INT, bits(n, 3) / 8, order, List.of());
      case "uint8", "uint16", "uint32", "uint64" -> new DataType(Kind.UINT, bits(n, 4) / 8, order, List.of());
      case "float32", "float64" -> new DataType(Kind.FLOAT, bits(n, 5) / 8, order, List.of());
      case "float16" -> throw new ZarrFormatException("unsupported data type float16");
      case "complex64", "complex128" -> new DataType(Kind.COMPLEX, bits(n, 7) / 8, order, List.of());
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

  private static int parseSize(String digits, String whole) throws ZarrFormatException {
    int bracket = digits.indexOf('[');
    String d = bracket >= 0 ? digits.substring(0, bracket) : digits;
    try {
      return Integer.parseInt(d);
    } catch (NumberFormatException e) {
      throw new ZarrFormatException("unsupported dtype " + whole);
    }
  }

  private static DataType parseStruct(List<?> list) throws ZarrFormatException {
    List<Field> fields = new ArrayList<>();
    int offset = 0;
    for (Object o : list) {
      if (!(o instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof String name)) {
        throw new ZarrFormatException("unsupported structured dtype field " + o);
      }
      DataType t = parseV2(pair.get(1));
      if (t.kind == Kind.STRING || t.kind == Kind.STRUCT) {
        throw new ZarrFormatException("unsupported structured dtype field " + o);
      }
      fields.add(new Field(name, t, offset));
      offset += t.size;
    }
    return new DataType(Kind.STRUCT, offset, ByteOrder.LITTLE_ENDIAN, fields);
  }

  /**
   * The numpy type string of this type ({@code "<f4"}, {@code "|S10"}, {@code "|b1"}, {@code "|O"}), or
   * for a structured type its fields as numpy's list form ({@code [('x', '<i4'), ('y', '>f8')]}).
   */
  public String typestr() {
    if (kind == Kind.STRUCT) {
      StringBuilder sb = new StringBuilder("[");
      for (Field f : fields) {
        sb.append(sb.length() > 1 ? ", " : "").append("('").append(f.name).append("', '")
            .append(f.type.typestr()).append("')");
      }
      return sb.append(']').toString();
    }
    char code = switch (kind) {
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
    String count = kind == Kind.STRING ? "" : String.valueOf(kind == Kind.UNICODE ? size / 4 : size);
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
      return new DataType(kind, size, ByteOrder.LITTLE_ENDIAN,
          fields.stream().map(f -> new Field(f.name, f.type.littleEndian(), f.offset)).toList());
    }
    return new DataType(kind, size, ByteOrder.LITTLE_ENDIAN, fields);
  }
}
