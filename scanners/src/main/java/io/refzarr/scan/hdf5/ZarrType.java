package io.refzarr.scan.hdf5;

import io.refzarr.zarr.DType;

/**
 * An HDF5 datatype as Zarr v2 sees it.
 *
 * @param dtype the {@code .zarray} dtype
 * @param itemSize bytes per element as stored in the file (for variable-length strings the HDF5
 *     heap reference, not numpy's object pointer)
 */
record ZarrType(DType dtype, int itemSize) {

  /** What sort of values these are (decides fill values and how data is referenced). */
  DType.Kind kind() {
    return dtype.kind();
  }
}
