package io.refzarr.scan;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.scan.hdf5.Hdf5Scanner;
import io.refzarr.scan.netcdf3.Netcdf3Scanner;
import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/** The built-in scanners. */
public final class Scanners {
  private Scanners() {}

  /** Every built-in scanner. */
  public static List<Scanner> all() {
    return List.of(hdf5(), netcdf3());
  }

  /**
   * The netCDF3 scanner: classic, 64-bit offset and CDF-5 files (magic {@code CDF\1}, {@code \2},
   * {@code \5}).
   */
  public static Scanner netcdf3() {
    return Netcdf3Scanner.instance();
  }

  /**
   * The HDF5 / netCDF4 scanner (kerchunk's {@code SingleHdf5ToZarr}); magic {@code
   * \211HDF\r\n\032\n}.
   */
  public static Scanner hdf5() {
    return HDF5;
  }

  private static final Scanner HDF5 = new Hdf5Scanner();

  /** How many leading bytes {@link #detect} reads: HDF5 signatures may follow a user block. */
  public static final int HEAD_BYTES = 8192;

  private static final int SIGNATURE_BYTES = 8;

  /**
   * The scanner for the file at {@code location}, told by its first {@link #HEAD_BYTES} bytes, or
   * else by an HDF5 signature after a larger user block: any power of two from 512 up to the file's
   * size is allowed, so the 8 bytes at each of those offsets beyond the head are read.
   *
   * @param name the file as the user named it, for the error message
   * @throws MalformedFileException if no built-in scanner recognises the file
   */
  public static Scanner detect(ByteRangeReaders sources, URI location, String name)
      throws IOException {
    ByteRangeReader reader = sources.forTarget(location);
    long size = reader.size(location);
    ByteBuffer head = reader.read(location, 0, (int) Math.min(size, HEAD_BYTES));
    byte[] bytes = new byte[head.remaining()];
    head.get(bytes);
    Optional<Scanner> found = forHead(bytes);
    if (found.isEmpty()) {
      found = afterUserBlock(reader, location, size);
    }
    return found.orElseThrow(
        () ->
            new MalformedFileException(
                name,
                0,
                "not a format refzarr scans (first bytes "
                    + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(16, bytes.length))
                    + "; known: "
                    + all().stream().map(Scanner::name).collect(Collectors.joining(", "))
                    + ")"));
  }

  /**
   * The HDF5 scanner if its signature is at a power-of-two offset past the head (a user block of 8
   * KiB up).
   */
  private static Optional<Scanner> afterUserBlock(ByteRangeReader reader, URI location, long size)
      throws IOException {
    for (long at = HEAD_BYTES; at + SIGNATURE_BYTES <= size; at *= 2) {
      ByteBuffer b = reader.read(location, at, SIGNATURE_BYTES);
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      if (HDF5.recognizes(bytes)) {
        return Optional.of(HDF5);
      }
    }
    return Optional.empty();
  }

  /** The scanner whose format {@code head} (a file's first bytes) has, if any. */
  public static Optional<Scanner> forHead(byte[] head) {
    return all().stream().filter(s -> s.recognizes(head)).findFirst();
  }

  /**
   * Scans {@code input} into {@code sink} as {@code refzarr scan} does: with the scanner its first
   * bytes name ({@link #detect}), an archive member's references rewritten into byte ranges of the
   * archive ({@link ArchiveReferences#dereferencing}). The caller closes the sink.
   */
  public static ScanReport scan(
      ScanInput input, ByteRangeReaders sources, ScanOptions options, ReferenceSink sink)
      throws IOException {
    Scanner scanner = detect(sources, input.location(), input.url());
    return scanner.scan(
        input, sources, options, ArchiveReferences.dereferencing(sink, input, sources));
  }

  /**
   * Scans {@code input} as {@link #scan(ScanInput, ByteRangeReaders, ScanOptions, ReferenceSink)}
   * into memory.
   */
  public static ReferenceSet scan(ScanInput input, ScanOptions options) throws IOException {
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      ReferenceSetBuilder b = ReferenceSets.builder();
      scan(input, sources, options, b);
      return b.build();
    }
  }

  /**
   * Simple parallel: scans every input on {@code executor} (which bounds how many run at once, and
   * which the caller shuts down) to its own reference set in {@code outDir}, named by {@link
   * ScanAllOptions#outputNames}. Inputs that fail follow the scan options' error policy: {@link
   * ErrorPolicy#FAIL} stops at the first (the others not started are cancelled) with an {@link
   * InputScanException} naming it; {@link ErrorPolicy#SKIP} records it in the report and goes on.
   */
  public static ScanAllReport scanAll(
      List<ScanInput> inputs, Path outDir, ScanAllOptions options, Executor executor)
      throws IOException {
    return new BatchScan(outDir, options).run(inputs, executor);
  }

  /**
   * One input of {@link #scanAll} to {@code out}, written atomically in the form its name gives:
   * what an engine that spreads the inputs itself (Spark) runs for each. Under {@link
   * ErrorPolicy#FAIL} a failure is thrown as an {@link InputScanException}; under {@link
   * ErrorPolicy#SKIP} it is the outcome.
   */
  public static ScanAllReport.Outcome scanTo(ScanInput input, Path out, ScanAllOptions options)
      throws IOException {
    return BatchScan.scanOne(input, out, options);
  }
}
