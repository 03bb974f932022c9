package io.refzarr.scan;

import io.refzarr.scan.hdf5.Hdf5Scanner;
import io.refzarr.scan.netcdf3.Netcdf3Scanner;
import java.util.List;
import java.util.Optional;

/** The built-in scanners. */
public final class Scanners {
  private Scanners() {}

  /** Every built-in scanner. */
  public static List<Scanner> all() {
    return List.of(hdf5(), netcdf3());
  }

  /** The netCDF3 scanner: classic, 64-bit offset and CDF-5 files (magic {@code CDF\1}, {@code \2}, {@code \5}). */
  public static Scanner netcdf3() {
    return Netcdf3Scanner.instance();
  }

  /** The HDF5 / netCDF4 scanner (kerchunk's {@code SingleHdf5ToZarr}); magic {@code \211HDF\r\n\032\n}. */
  public static Scanner hdf5() {
    return HDF5;
  }

  private static final Scanner HDF5 = new Hdf5Scanner();

  /** The scanner whose format {@code head} (a file's first bytes) has, if any. */
  public static Optional<Scanner> forHead(byte[] head) {
    return all().stream().filter(s -> s.recognizes(head)).findFirst();
  }
}
