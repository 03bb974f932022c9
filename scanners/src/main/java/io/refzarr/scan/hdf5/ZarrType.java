package io.refzarr.scan.hdf5;

/**
 * An HDF5 datatype as Zarr v2 sees it.
 *
 * @param dtype the {@code .zarray} dtype: a numpy type string, or a list of {@code [name, type]} pairs
 * @param itemSize bytes per element as stored in the file
 * @param kind what sort of values these are (decides fill values and how data is referenced)
 */
record ZarrType(Object dtype, int itemSize, Kind kind) {

  /** Sorts of values, as kerchunk distinguishes them. */
  enum Kind {
    INTEGER,
    FLOAT,
    COMPLEX,
    BOOL,
    FIXED_STRING,
    VLEN_STRING,
    COMPOUND
  }

  /** The dtype string of a non-compound type. */
  String typeString() {
    return (String) dtype;
  }
}
