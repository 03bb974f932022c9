package io.refzarr.scan;

import io.refzarr.refs.ReferenceSink;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;

/** Turns one data file into references. Implementations are stateless and thread-safe. */
public interface Scanner {

  /** A short name such as {@code "hdf5"} or {@code "netcdf3"}. */
  String name();

  /**
   * Whether {@code head} (the first bytes of a file, at least 8 when the file has them) looks like
   * this scanner's format.
   */
  boolean recognizes(byte[] head);

  /**
   * Scans {@code input}, reading it through {@code sources}, and puts every reference into {@code
   * out} (targets are written as {@link ScanInput#url()}). The sink is not closed.
   *
   * @throws IOException if the file cannot be read, or is not of this format, or (with {@link
   *     ErrorPolicy#FAIL}) has an object that cannot be referenced; messages name the file and
   *     object
   */
  ScanReport scan(ScanInput input, ByteRangeReaders sources, ScanOptions options, ReferenceSink out)
      throws IOException;
}
