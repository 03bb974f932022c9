package io.refzarr.scan.hdf5;

import java.util.List;

/** The HDF5 and netCDF4 files of the conformance corpus, relative to its directory. */
final class CorpusFiles {
  static final List<String> ALL =
      List.of(
          "hdf5_attrs_groups.h5",
          "hdf5_chunkgrid.h5",
          "hdf5_dimscales.h5",
          "hdf5_dtypes.h5",
          "hdf5_filters.h5",
          "hdf5_layouts.h5",
          "nc4_cf.nc",
          "nc4_groups.nc",
          "series/day_001.nc",
          "series/day_002.nc",
          "series/day_003.nc",
          "series/day_004.nc",
          "series/day_005.nc");

  private CorpusFiles() {}
}
