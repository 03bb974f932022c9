package io.refzarr.zarr;

import io.refzarr.internal.json.Json;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numpy dtype as Zarr v2 writes it in {@code .zarray}: a type string ({@code "<f4"}, {@code
 * ">i2"}, {@code "|S10"}, {@code "<U3"}, {@code "|b1"}, {@code "|O"}, {@code "<M8[s]"}) or a
 * structured type, a list of {@code [name, type]} or {@code [name, type, shape]} fields packed in
 * order.
 *
 * <p>The value keeps the spelling it was parsed from: {@link #toJson()} gives it back unchanged
 * (numpy accepts several spellings of one type, and documents that pass through refzarr keep
 * theirs), and equality compares spellings. Without a prefix, {@code '='} and {@code '|'} read as
 * little-endian, the native order of every platform Zarr runs on.
 */
public final class DType implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern TYPESTR =
      Pattern.compile(
          "([<>|=]?)([biufcmMOSUV])(\\d*)(?:\\[(\\d*(?:Y|M|W|D|h|m|s|ms|us|μs|ns|ps|fs|as))\\])?");

  /**
   * What the bytes of an element mean: numpy's kinds, with structured types apart from raw bytes.
   */
  public enum Kind {
    BOOL('b'),
    INT('i'),
    UINT('u'),
    FLOAT('f'),
    COMPLEX('c'),
    TIMEDELTA('m'),
    DATETIME('M'),
    OBJECT('O'),
    BYTES('S'),
    UNICODE('U'),
    VOID('V'),
    STRUCTURED('V');

    private final char code;

    Kind(char code) {
      this.code = code;
    }

    /** numpy's kind letter ({@code 'V'} for both raw and structured types). */
    public char code() {
      return code;
    }

    static Kind of(char code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k; // VOID comes before STRUCTURED
        }
      }
      throw new IllegalArgumentException("unknown dtype kind '" + code + "'");
    }
  }

  /**
   * One field of a structured type.
   *
   * @param name the field name
   * @param type the element type
   * @param shape the sub-array shape ({@code []} for a plain field)
   * @param offset bytes from the start of the record
   */
  public record Field(String name, DType type, List<Integer> shape, int offset) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      shape = List.copyOf(shape);
    }
  }

  private final Kind kind;
  private final ByteOrder order;
  private final int itemSize;
  private final String unit;
  private final List<Field> fields;
  private final Object json;

  private DType(
      Kind kind, ByteOrder order, int itemSize, String unit, List<Field> fields, Object json) {
    this.kind = kind;
    this.order = order;
    this.itemSize = itemSize;
    this.unit = unit;
    this.fields = fields;
    this.json = json;
  }

  /**
   * Parses a {@code .zarray} dtype: a type string or a list of fields (as {@link Json} parses it).
   *
   * @throws IllegalArgumentException naming the dtype and what is wrong with it
   */
  public static DType parse(Object json) {
    if (json instanceof String s) {
      return parseTypestr(s);
    }
    if (json instanceof List<?> list) {
      return parseStructured(list);
    }
    throw new IllegalArgumentException(
        "not a numpy dtype (a type string or a list of fields): " + json);
  }

  /**
   * The numpy type string of a type without unit or fields, in numpy's canonical spelling: {@code
   * '|'} for single-byte and byte-string kinds, the byte order otherwise ({@code "<f4"}, {@code
   * ">i2"}, {@code "|u1"}, {@code "|S10"}, {@code "|b1"}, {@code "|O"}, {@code "<U3"} for 12
   * bytes).
   *
   * @param order the byte order of multi-byte elements (ignored where numpy writes {@code '|'})
   * @throws IllegalArgumentException for structured and date/time kinds, or a size numpy does not
   *     have
   */
  public static DType of(Kind kind, ByteOrder order, int itemSize) {
    if (kind == Kind.STRUCTURED || kind == Kind.DATETIME || kind == Kind.TIMEDELTA) {
      throw new IllegalArgumentException(
          "DType.of cannot make a " + kind + " type; parse its spelling");
    }
    boolean single =
        itemSize == 1
            || kind == Kind.BOOL
            || kind == Kind.BYTES
            || kind == Kind.VOID
            || kind == Kind.OBJECT;
    String prefix = single ? "|" : order == ByteOrder.BIG_ENDIAN ? ">" : "<";
    String count =
        kind == Kind.OBJECT ? "" : Integer.toString(kind == Kind.UNICODE ? itemSize / 4 : itemSize);
    if (kind == Kind.UNICODE && itemSize % 4 != 0) {
      throw new IllegalArgumentException(
          "a unicode type has 4 bytes per character, not " + itemSize + " bytes");
    }
    return parseTypestr(prefix + kind.code() + count);
  }

  private static DType parseTypestr(String s) {
    Matcher m = TYPESTR.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a numpy type string: \"" + s + "\"");
    }
    Kind kind = Kind.of(m.group(2).charAt(0));
    String unit = m.group(4);
    if (unit != null && kind != Kind.DATETIME && kind != Kind.TIMEDELTA) {
      throw new IllegalArgumentException(
          "dtype \"" + s + "\": only datetime and timedelta types have a unit");
    }
    int size = itemSize(s, kind, m.group(3));
    ByteOrder order = m.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    return new DType(kind, order, size, unit, List.of(), s);
  }

  private static int itemSize(String s, Kind kind, String digits) {
    if (digits.isEmpty()) {
      return switch (kind) {
        case OBJECT, DATETIME, TIMEDELTA -> 8;
        case BYTES, UNICODE, VOID -> 0; // numpy's flexible types of no length
        default -> throw new IllegalArgumentException("dtype \"" + s + "\" has no item size");
      };
    }
    long n = digits.length() > 10 ? Integer.MAX_VALUE : Long.parseLong(digits);
    long size = kind == Kind.UNICODE ? n * 4 : n;
    if (size > Integer.MAX_VALUE - 8 || !validSize(kind, size)) {
      throw new IllegalArgumentException(
          "dtype \""
              + s
              + "\": numpy has no "
              + kind
              + " type of "
              + digits
              + (kind == Kind.UNICODE ? " characters" : " bytes"));
    }
    return (int) size;
  }

  private static boolean validSize(Kind kind, long size) {
    return switch (kind) {
      case BOOL -> size == 1;
      case INT, UINT -> size == 1 || size == 2 || size == 4 || size == 8;
      case FLOAT -> size == 2 || size == 4 || size == 8 || size == 16;
      case COMPLEX -> size == 8 || size == 16 || size == 32;
      case DATETIME, TIMEDELTA, OBJECT -> size == 8;
      default -> true;
    };
  }

  private static DType parseStructured(List<?> list) {
    List<Field> fields = new ArrayList<>(list.size());
    Set<String> names = new HashSet<>();
    long offset = 0;
    for (Object o : list) {
      Field f = field(o, (int) offset);
      if (!names.add(f.name())) {
        throw new IllegalArgumentException(
            "structured dtype names field \"" + f.name() + "\" twice");
      }
      fields.add(f);
      offset += (long) f.type().itemSize() * elements(f.shape());
      if (offset > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("structured dtype records are larger than 2 GiB");
      }
    }
    return new DType(
        Kind.STRUCTURED,
        ByteOrder.LITTLE_ENDIAN,
        (int) offset,
        null,
        List.copyOf(fields),
        frozen(list));
  }

  private static Field field(Object o, int offset) {
    if (!(o instanceof List<?> f)
        || f.size() < 2
        || f.size() > 3
        || !(f.get(0) instanceof String name)) {
      throw new IllegalArgumentException(
          "structured dtype field is not [name, type] or [name, type, shape]: " + o);
    }
    DType type = parse(f.get(1));
    List<Integer> shape = new ArrayList<>();
    if (f.size() == 3) {
      if (!(f.get(2) instanceof List<?> dims)) {
        throw new IllegalArgumentException(
            "structured dtype field " + name + " has a shape that is not a list");
      }
      for (Object d : dims) {
        if (!(d instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(
              "structured dtype field " + name + " has a bad shape " + dims);
        }
        shape.add((int) (long) n);
      }
    }
    return new Field(name, type, shape, offset);
  }

  private static long elements(List<Integer> shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("structured dtype field with " + shape + " elements");
      }
    }
    return n;
  }

  private static Object frozen(Object tree) {
    if (tree instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(o -> out.add(frozen(o)));
      return Collections.unmodifiableList(out);
    }
    return tree;
  }

  /** What the bytes mean. */
  public Kind kind() {
    return kind;
  }

  /** The byte order of the elements ({@code '>'} is big-endian; everything else little-endian). */
  public ByteOrder order() {
    return order;
  }

  /** Bytes per element (4 per character of a unicode type; 8, a pointer, for objects). */
  public int itemSize() {
    return itemSize;
  }

  /**
   * The unit of a datetime or timedelta type ({@code "ns"}, {@code "s"}, {@code "10ms"}), if given.
   */
  public Optional<String> unit() {
    return Optional.ofNullable(unit);
  }

  /** The fields of a structured type, in storage order (empty for other kinds). */
  public List<Field> fields() {
    return fields;
  }

  /** True for a list of fields. */
  public boolean isStructured() {
    return kind == Kind.STRUCTURED;
  }

  /** The JSON tree value of this dtype: the type string, or the (unmodifiable) list of fields. */
  public Object toJson() {
    return json;
  }

  /** The type string, or the field list as JSON. */
  @Override
  public String toString() {
    return json instanceof String s ? s : Json.write(json);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DType d && json.equals(d.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /** Serialized as its JSON spelling and parsed again (ByteOrder is not serializable). */
  private Object writeReplace() {
    return new SerialForm(json);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("DType is serialized through its SerialForm");
  }

  private record SerialForm(Object json) implements java.io.Serializable {
    private Object readResolve() throws java.io.ObjectStreamException {
      try {
        return DType.parse(json);
      } catch (IllegalArgumentException e) {
        throw new java.io.InvalidObjectException("not a dtype: " + e.getMessage());
      }
    }
  }
}
