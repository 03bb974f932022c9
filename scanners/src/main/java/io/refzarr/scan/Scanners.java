package io.refzarr.scan;

import io.refzarr.scan.netcdf3.Netcdf3Scanner;
import java.util.List;
import java.util.Optional;

/** The built-in scanners. */
public final class Scanners {
  private Scanners() {}

  /** Every built-in scanner. */
  public static List<Scanner> all() {
    return List.of(netcdf3());
  }

  /** The netCDF3 scanner: classic, 64-bit offset and CDF-5 files (magic {@code CDF\1}, {@code \2}, {@code \5}). */
  public static Scanner netcdf3() {
    return Netcdf3Scanner.instance();
  }

  /** The scanner whose format {@code head} (a file's first bytes) has, if any. */
  public static Optional<Scanner> forHead(byte[] head) {
    return all().stream().filter(s -> s.recognizes(head)).findFirst();
  }
}
