package ucar.ma2;

/** Element types (the subset the readers name), with their Java storage class. */
public final class DataType {
  public static final DataType BOOLEAN = new DataType("boolean", boolean.class, false);
  public static final DataType BYTE = new DataType("byte", byte.class, false);
  public static final DataType UBYTE = new DataType("ubyte", byte.class, true);
  public static final DataType SHORT = new DataType("short", short.class, false);
  public static final DataType USHORT = new DataType("ushort", short.class, true);
  public static final DataType INT = new DataType("int", int.class, false);
  public static final DataType UINT = new DataType("uint", int.class, true);
  public static final DataType LONG = new DataType("long", long.class, false);
  public static final DataType ULONG = new DataType("ulong", long.class, true);
  public static final DataType FLOAT = new DataType("float", float.class, false);
  public static final DataType DOUBLE = new DataType("double", double.class, false);
  public static final DataType CHAR = new DataType("char", char.class, false);
  public static final DataType STRING = new DataType("String", String.class, false);
  public static final DataType OBJECT = new DataType("Object", Object.class, false);

  private static final DataType[] ALL = {
    BOOLEAN, BYTE, UBYTE, SHORT, USHORT, INT, UINT, LONG, ULONG, FLOAT, DOUBLE, CHAR, STRING, OBJECT
  };

  private final String name;
  private final Class<?> storage;
  private final boolean unsigned;

  private DataType(String name, Class<?> storage, boolean unsigned) {
    this.name = name;
    this.storage = storage;
    this.unsigned = unsigned;
  }

  /** The type stored in arrays of {@code c} elements. */
  public static DataType getType(Class<?> c, boolean isUnsigned) {
    for (DataType t : ALL) {
      if (t.storage == c && t.unsigned == isUnsigned) {
        return t;
      }
    }
    return OBJECT;
  }

  public Class<?> getPrimitiveClassType() {
    return storage;
  }

  public boolean isUnsigned() {
    return unsigned;
  }

  @Override
  public String toString() {
    return name;
  }
}
