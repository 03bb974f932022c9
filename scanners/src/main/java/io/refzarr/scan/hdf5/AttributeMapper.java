package io.refzarr.scan.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HDF5 attributes to Zarr attributes by kerchunk's rules ({@code _transfer_attrs}): netCDF/HDF5
 * bookkeeping attributes are dropped, fixed-length byte strings become text (an empty scalar one a
 * single space), one-element arrays become scalars, other arrays lists, empty attributes {@code
 * ""}, and the value {@code "DIMENSION_SCALE"} is dropped. {@code _FillValue} is left to {@link
 * FillValues}.
 */
final class AttributeMapper {
  static final String FILL_VALUE = "_FillValue";
  static final Set<String> HIDDEN =
      Set.of(
          "REFERENCE_LIST",
          "CLASS",
          "DIMENSION_LIST",
          "NAME",
          "_Netcdf4Dimid",
          "_Netcdf4Coordinates",
          "_nc3_strict",
          "_NCProperties");

  private AttributeMapper() {}

  /**
   * The Zarr attributes of a node; attributes that cannot be represented are named in {@code
   * dropped} (kerchunk drops them too, with a debug message).
   */
  static Map<String, Object> convert(Map<String, Attribute> attributes, List<String> dropped) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Attribute> e : attributes.entrySet()) {
      String name = e.getKey();
      if (HIDDEN.contains(name) || name.equals(FILL_VALUE)) {
        continue;
      }
      Object value;
      try {
        value = value(e.getValue());
      } catch (RuntimeException ex) {
        value = null;
      }
      if (value == null) {
        dropped.add(name);
      } else if (!"DIMENSION_SCALE".equals(value)) {
        out.put(name, value);
      }
    }
    return out;
  }

  /**
   * The CF attributes that keep an enum's labels: {@code flag_values} (the enum's values,
   * ascending) and {@code flag_meanings} (its labels in the same order, joined by single spaces;
   * whitespace inside a label becomes {@code _}, since CF separates meanings by blanks). Empty for
   * other types and for the {FALSE, TRUE} enum that is read as bool.
   */
  static Map<String, Object> enumFlags(DataType type) {
    if (!(type instanceof EnumDataType)
        || DatatypeMapper.isBoolEnum((EnumDataType) type)
        || !(((EnumDataType) type).getBaseType() instanceof FixedPoint)) {
      return Map.of();
    }
    FixedPoint base = (FixedPoint) ((EnumDataType) type).getBaseType();
    java.util.TreeMap<BigInteger, String> byValue = new java.util.TreeMap<>();
    ((EnumDataType) type)
        .getEnumMapping()
        .forEach((code, label) -> byValue.put(enumCode(code, base), label.replaceAll("\\s", "_")));
    List<Object> values = new ArrayList<>();
    byValue.keySet().forEach(v -> values.add(number(v)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("flag_values", values);
    out.put("flag_meanings", String.join(" ", byValue.values()));
    return out;
  }

  /**
   * An enum member's value. jhdf reads it as an unsigned little-endian integer whatever the base
   * type (an 8-byte one as a long cut to int); its bytes are taken back and read with the base
   * type's byte order and sign.
   */
  private static BigInteger enumCode(int code, FixedPoint base) {
    int size = base.getSize();
    int unused = 64 - 8 * size;
    long bits = size >= 8 ? code : Integer.toUnsignedLong(code) & (-1L >>> unused);
    if (base.getByteOrder() == java.nio.ByteOrder.BIG_ENDIAN && size > 1) {
      bits = Long.reverseBytes(bits) >>> unused;
    }
    if (base.isSigned()) {
      return BigInteger.valueOf((bits << unused) >> unused);
    }
    return size >= 8 ? new BigInteger(Long.toUnsignedString(bits)) : BigInteger.valueOf(bits);
  }

  /** One attribute's value as a JSON tree value, or null if it has no JSON form. */
  static Object value(Attribute attr) {
    if (attr.isEmpty()) {
      return "";
    }
    DataType type = attr.getDataType();
    Object data = attr.getData();
    if (type instanceof StringData && attr.isScalar()) {
      String s = (String) data;
      return s.isEmpty() ? " " : s; // h5py gives bytes; kerchunk turns b"" into " "
    }
    if (type instanceof StringData
        || (type instanceof VariableLength && ((VariableLength) type).isVariableLengthString())) {
      return shaped(data, x -> x);
    }
    if (type instanceof EnumDataType) {
      return enumValue((EnumDataType) type, data);
    }
    if (type instanceof FixedPoint || type instanceof FloatingPoint) {
      return shaped(data, AttributeMapper::number);
    }
    if (type instanceof CompoundDataType && data instanceof Map) {
      return records((Map<?, ?>) data);
    }
    return null;
  }

  /**
   * Compound values (jhdf: one array per field) as the list of a record's field values, or a list
   * of such lists: kerchunk writes {@code str()} of the numpy record, "(1, 2.5)", which carries the
   * same numbers.
   */
  private static Object records(Map<?, ?> fields) {
    int n = -1;
    for (Object column : fields.values()) {
      if (column == null
          || !column.getClass().isArray()
          || (n >= 0 && Array.getLength(column) != n)) {
        return null;
      }
      n = Array.getLength(column);
    }
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < Math.max(n, 0); i++) {
      List<Object> row = new ArrayList<>();
      for (Object column : fields.values()) {
        Object x = Array.get(column, i);
        row.add(x instanceof String || x instanceof Boolean ? x : number(x));
      }
      rows.add(row);
    }
    return rows.size() == 1 ? rows.get(0) : rows;
  }

  private static Object enumValue(EnumDataType type, Object data) {
    Map<String, Long> codes = new LinkedHashMap<>();
    type.getEnumMapping().forEach((code, label) -> codes.put(label, (long) code));
    boolean bool =
        type.getSize() == 1
            && codes.size() == 2
            && Long.valueOf(0).equals(codes.get("FALSE"))
            && Long.valueOf(1).equals(codes.get("TRUE"));
    return shaped(
        data, label -> bool ? (Object) "TRUE".equals(label) : codes.get(String.valueOf(label)));
  }

  /** A scalar, a one-element array as its element, any other array as (nested) lists. */
  private static Object shaped(Object data, java.util.function.Function<Object, Object> element) {
    if (data == null || !data.getClass().isArray()) {
      return data == null ? null : element.apply(data);
    }
    Object single = single(data);
    if (single != null) {
      return element.apply(single);
    }
    return list(data, element);
  }

  private static Object single(Object array) {
    Object a = array;
    while (a.getClass().isArray()) {
      if (Array.getLength(a) != 1) {
        return null;
      }
      a = Array.get(a, 0);
    }
    return a;
  }

  private static List<Object> list(
      Object array, java.util.function.Function<Object, Object> element) {
    int n = Array.getLength(array);
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Object x = Array.get(array, i);
      out.add(x != null && x.getClass().isArray() ? list(x, element) : element.apply(x));
    }
    return out;
  }

  static Object number(Object x) {
    if (x instanceof Float) {
      return ((Float) x).doubleValue();
    }
    if (x instanceof Byte || x instanceof Short || x instanceof Integer) {
      return ((Number) x).longValue();
    }
    if (x instanceof BigInteger && ((BigInteger) x).bitLength() < 64) {
      return ((BigInteger) x).longValue();
    }
    return x;
  }
}
