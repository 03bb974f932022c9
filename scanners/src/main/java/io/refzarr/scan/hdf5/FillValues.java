package io.refzarr.scan.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.object.datatype.FloatingPoint;
import io.refzarr.zarr.DType;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code .zarray} fill value. A {@code _FillValue} attribute wins. An array with chunks never
 * written gets what the HDF5 library reads there: the dataset's HDF5 fill value (zeros when the
 * file defines none), records as base64 of their bytes. An array whose every chunk is present reads
 * the same under any fill value, and gets kerchunk's: null for decoded-and-inlined data,
 * variable-length strings, compound types, netCDF time variables (units containing "since") and
 * netCDF variables (an attribute name containing "_Netcdf4"), so that xarray does not mask real
 * zeros; else the HDF5 fill value (0 when the file defines none). Fixed-length byte strings: the
 * fill value's bytes, {@code ""} when empty (HDF5 reads {@code b""}, where kerchunk writes {@code "
 * "}). NaN and infinities are written as strings, byte strings as base64.
 */
final class FillValues {
  private FillValues() {}

  /**
   * @param raw the dataset's HDF5 fill value bytes, or null when undefined
   * @param decoded whether the data is decoded and inlined by the scanner
   * @param complete whether every chunk of the array's grid has a reference
   */
  static Object decide(
      ZarrType type,
      ByteBuffer raw,
      Map<String, Attribute> attrs,
      boolean decoded,
      boolean complete) {
    Attribute fill = attrs.get(AttributeMapper.FILL_VALUE);
    if (fill != null
        && !fill.isEmpty()
        && type.kind() != DType.Kind.STRUCTURED
        && type.kind() != DType.Kind.OBJECT
        && type.kind() != DType.Kind.COMPLEX) {
      Object v = fromAttribute(type, fill);
      if (v != null) {
        return v;
      }
    }
    if (type.kind() == DType.Kind.BYTES) {
      return base64(raw == null ? new byte[0] : bytes(raw));
    }
    if (type.kind() == DType.Kind.VOID || (!complete && type.kind() == DType.Kind.STRUCTURED)) {
      return Base64.getEncoder()
          .encodeToString(
              raw != null && raw.remaining() == type.itemSize()
                  ? rawBytes(raw)
                  : new byte[type.itemSize()]);
    }
    if (!complete && type.kind() != DType.Kind.OBJECT) {
      return raw == null ? zero(type) : decode(type, raw);
    }
    if (decoded || type.kind() == DType.Kind.OBJECT || type.kind() == DType.Kind.STRUCTURED) {
      return null;
    }
    if (isNetcdfTime(attrs) || attrs.keySet().stream().anyMatch(n -> n.contains("_Netcdf4"))) {
      return null;
    }
    return raw == null ? zero(type) : decode(type, raw);
  }

  private static boolean isNetcdfTime(Map<String, Attribute> attrs) {
    Attribute units = attrs.get("units");
    if (units == null) {
      return false;
    }
    try {
      Object v = units.getData();
      return v instanceof String && ((String) v).contains("since");
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Object fromAttribute(ZarrType type, Attribute fill) {
    Object v = AttributeMapper.value(fill);
    if (v instanceof java.util.List) {
      return null;
    }
    if (type.kind() == DType.Kind.BYTES) {
      return v instanceof String
          ? base64(((String) v).getBytes(java.nio.charset.StandardCharsets.UTF_8))
          : null;
    }
    if (v instanceof Double) {
      return type.kind() == DType.Kind.FLOAT ? floatValue((Double) v) : v;
    }
    return v;
  }

  private static Object zero(ZarrType type) {
    switch (type.kind()) {
      case FLOAT:
        return 0.0;
      case COMPLEX:
        return java.util.List.of(0.0, 0.0);
      case BOOL:
        return Boolean.FALSE;
      default:
        return 0L;
    }
  }

  /** Decodes one element of the dataset's type. */
  static Object decode(ZarrType type, ByteBuffer raw) {
    ByteBuffer b = raw.duplicate().order(type.dtype().order());
    if (b.remaining() < type.itemSize()) {
      return zero(type);
    }
    switch (type.kind()) {
      case BOOL:
        return b.get() != 0;
      case COMPLEX: // [re, im], as zarr's encode_fill_value writes complex fill values
        return type.itemSize() == 8
            ? java.util.List.of(floatValue(b.getFloat()), floatValue(b.getFloat()))
            : java.util.List.of(floatValue(b.getDouble()), floatValue(b.getDouble()));
      case FLOAT:
        switch (type.itemSize()) {
          case 2:
            return floatValue(FloatingPoint.toFloat(b.getShort()));
          case 4:
            return floatValue(b.getFloat());
          default:
            return floatValue(b.getDouble());
        }
      default:
        return integer(b, type.itemSize(), type.kind() == DType.Kind.UINT);
    }
  }

  private static Object integer(ByteBuffer b, int size, boolean unsigned) {
    switch (size) {
      case 1:
        return unsigned ? (long) (b.get() & 0xff) : (long) b.get();
      case 2:
        return unsigned ? (long) (b.getShort() & 0xffff) : (long) b.getShort();
      case 4:
        return unsigned ? b.getInt() & 0xffffffffL : (long) b.getInt();
      default:
        long v = b.getLong();
        return unsigned && v < 0 ? new BigInteger(Long.toUnsignedString(v)) : (Object) v;
    }
  }

  /** NaN and infinities as Zarr v2 writes them; finite values as doubles. */
  static Object floatValue(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return d;
  }

  private static byte[] bytes(ByteBuffer raw) {
    byte[] b = new byte[raw.remaining()];
    raw.duplicate().get(b);
    int end = b.length;
    while (end > 0 && b[end - 1] == 0) {
      end--; // numpy drops trailing NULs from bytes values
    }
    return Arrays.copyOf(b, end);
  }

  private static byte[] rawBytes(ByteBuffer raw) {
    byte[] b = new byte[raw.remaining()];
    raw.duplicate().get(b);
    return b;
  }

  private static String base64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
