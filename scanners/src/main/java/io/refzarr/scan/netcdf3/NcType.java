package io.refzarr.scan.netcdf3;

import io.refzarr.zarr.DType;

/**
 * The external types of netCDF3 files, with their codes, sizes and big-endian numpy dtypes. The
 * last five exist only in CDF-5.
 */
enum NcType {
  BYTE(1, 1, "|i1"),
  CHAR(2, 1, "|S1"),
  SHORT(3, 2, ">i2"),
  INT(4, 4, ">i4"),
  FLOAT(5, 4, ">f4"),
  DOUBLE(6, 8, ">f8"),
  UBYTE(7, 1, "|u1"),
  USHORT(8, 2, ">u2"),
  UINT(9, 4, ">u4"),
  INT64(10, 8, ">i8"),
  UINT64(11, 8, ">u8");

  private static final NcType[] BY_CODE = values();

  final int code;
  final int size;
  final DType dtype;

  NcType(int code, int size, String dtype) {
    this.code = code;
    this.size = size;
    this.dtype = DType.parse(dtype);
  }

  /** The type of {@code code}, or null when the format version has no such type. */
  static NcType of(int code, int version) {
    int max = version == 5 ? 11 : 6;
    return code >= 1 && code <= max ? BY_CODE[code - 1] : null;
  }

  boolean isFloat() {
    return this == FLOAT || this == DOUBLE;
  }

  boolean isInteger() {
    return !isFloat() && this != CHAR;
  }
}
