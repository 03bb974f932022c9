package io.refzarr.scan.hdf5;

import io.jhdf.HdfFile;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.scan.MalformedFileException;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.Scanner;
import io.refzarr.scan.UnsupportedFeatureException;
import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * HDF5 and netCDF4 files to references, as kerchunk's {@code SingleHdf5ToZarr} with its defaults
 * (inline threshold 500 bytes, variable-length strings embedded), plus what kerchunk leaves out or
 * gets wrong: compact datasets of any size, Fletcher-32 checksums cut off the chunk ranges, scalar
 * variable-length strings, compound types as structured dtypes. The file is read through a
 * read-ahead block cache over any {@link ByteRangeReaders} source; the report counts the requests
 * and bytes it took.
 */
public final class Hdf5Scanner implements Scanner {
  static final int DEFAULT_INLINE_THRESHOLD = 500;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  // Local reads are cheap: page-sized blocks (HDF5 writes chunk-index nodes between the chunks, so
  // larger
  // blocks read the data too: 64 KiB blocks read all 44 MB of the 102,400-chunk benchmark file, 4
  // KiB
  // blocks 11.6 MB at the same CPU time) and a 16 MiB cache. Remote requests are dear: 1 MiB blocks
  // (that
  // file costs 43 requests over HTTP) and a larger cache.
  private static final int LOCAL_BLOCK = 4 << 10;
  private static final int LOCAL_BLOCKS = 4096;
  private static final int REMOTE_BLOCK = 1 << 20;
  private static final int REMOTE_BLOCKS = 64;

  /** A scanner; stateless, so one instance serves any number of scans and threads. */
  public Hdf5Scanner() {}

  @Override
  public String name() {
    return "hdf5";
  }

  /**
   * The HDF5 signature at byte 0, or after a user block (at 512, 1024, 2048, ... as far as {@code
   * head} reaches).
   */
  @Override
  public boolean recognizes(byte[] head) {
    for (int at = 0; at + SIGNATURE.length <= head.length; at = at == 0 ? 512 : at * 2) {
      if (Arrays.equals(head, at, at + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public ScanReport scan(
      ScanInput input, ByteRangeReaders sources, ScanOptions options, ReferenceSink out)
      throws IOException {
    URI location = input.location();
    String file = input.url().isEmpty() ? location.toString() : input.url();
    ByteRangeReader reader = sources.forTarget(location);
    long size = size(reader, location);
    boolean remote = reader.isRemote();
    BlockCacheChannel channel =
        new BlockCacheChannel(
            reader,
            location,
            size,
            remote ? REMOTE_BLOCK : LOCAL_BLOCK,
            remote ? REMOTE_BLOCKS : LOCAL_BLOCKS);
    long superblock = requireSignature(channel, file);
    int inline = options.inlineThresholdOr(DEFAULT_INLINE_THRESHOLD);
    ScanLog log = new ScanLog(out);
    HdfFile hdf;
    try {
      hdf = CheckedStorage.open(channel, superblock);
    } catch (RuntimeException e) {
      throw convert(file, "superblock", e);
    } catch (OutOfMemoryError e) {
      throw tooLarge(file, e);
    }
    try (hdf;
        channel) {
      Hdf5Context ctx =
          new Hdf5Context(
              file,
              input.url(),
              channel,
              hdf.getHdfBackingStorage(),
              inline,
              inline > 0 ? inline : 100,
              log,
              new DimensionScales(),
              options.enumLabels());
      new Hdf5Walker(ctx, options.errorPolicy()).walk(hdf);
    } catch (StackOverflowError e) {
      throw new MalformedFileException(
          file, -1, "object headers or groups nest too deeply (corrupt file?)");
    } catch (OutOfMemoryError e) {
      throw tooLarge(file, e);
    }
    return log.report(channel.requests(), channel.bytesRead());
  }

  /**
   * The backstop: jhdf allocates each read before making it, and every read's size is checked first
   * ({@link CheckedStorage}), as are the counts jhdf sizes lists and arrays by (array chunk
   * indexes, attribute dataspaces); a size derived some other way that still asks for more than
   * there is fails in one allocation, which leaves the heap intact, and is reported as a malformed
   * file.
   */
  private static MalformedFileException tooLarge(String file, OutOfMemoryError e) {
    MalformedFileException m =
        new MalformedFileException(
            file, -1, "a size field asks for more memory than there is (corrupt file?)");
    m.initCause(e);
    return m;
  }

  /**
   * The target's size. refs-nio's NIO reader may close a channel it has just opened when it trims
   * its open-channel table (past 128 files); its reads retry once, its size does not, so retry once
   * here.
   */
  private static long size(ByteRangeReader reader, URI location) throws IOException {
    try {
      return reader.size(location);
    } catch (java.nio.channels.ClosedChannelException e) {
      return reader.size(location);
    }
  }

  /**
   * Where the superblock is: the first HDF5 signature at byte 0, 512, 1024, 2048, ...; fails fast,
   * naming the file, if there is none.
   */
  private static long requireSignature(BlockCacheChannel channel, String file) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(SIGNATURE.length);
    for (long at = 0; at + SIGNATURE.length <= channel.size(); at = at == 0 ? 512 : at * 2) {
      head.clear();
      channel.readAt(head, at);
      if (Arrays.equals(head.array(), SIGNATURE)) {
        return at;
      }
    }
    throw new MalformedFileException(
        file,
        -1,
        "not an HDF5 file (no HDF5 signature at byte 0 or at any"
            + " power of two from 512; "
            + channel.size()
            + " bytes)");
  }

  /**
   * A jhdf failure as an {@link IOException} naming the file and object: a feature jhdf does not
   * support, the underlying I/O error where there is one (a truncated file reads as {@link
   * java.io.EOFException}), else a malformed file.
   */
  static IOException convert(String file, String object, RuntimeException e) {
    DamagedStructureException d = Failures.damaged(e);
    if (d != null) {
      MalformedFileException m =
          new MalformedFileException(file, d.offset(), object + ": " + Failures.describe(d));
      m.initCause(e);
      return m;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.jhdf.exceptions.UnsupportedHdfException) {
        // e.g. the version-5 layout messages HDF5 2.0 writes with libver="latest": jhdf 0.13 cannot
        // read them
        IOException u =
            new UnsupportedFeatureException(
                file, object, "jhdf cannot read this: " + t.getMessage());
        u.initCause(e);
        return u;
      }
      if (t instanceof IOException) {
        IOException io =
            t instanceof java.io.EOFException
                ? new java.io.EOFException(file + ": " + object + ": " + t.getMessage())
                : new IOException(file + ": " + object + ": " + t.getMessage());
        io.initCause(e);
        return io;
      }
    }
    MalformedFileException m = new MalformedFileException(file, -1, object + ": " + e);
    m.initCause(e);
    return m;
  }
}
