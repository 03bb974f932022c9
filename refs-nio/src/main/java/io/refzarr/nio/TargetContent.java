package io.refzarr.nio;

import io.refzarr.source.ByteRange;
import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.RangeReads;
import io.refzarr.source.ReferenceNotReachableException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;

/**
 * A key whose bytes are a range of a target (or the whole target, sized on first use). A range of a
 * remote target small enough for the block cache is fetched whole, once, and served from the cache
 * to every reader; small reads of larger remote ranges are served from cached aligned blocks; other
 * reads go straight to the target's reader. Every failure of the target becomes a {@link
 * ReferenceNotReachableException} that names the key, the target and the range, so it can never be
 * mistaken for a missing key.
 */
final class TargetContent implements KeyContent {
  /** The read-ahead block of small reads of large remote ranges (fsspec's HTTP files use 5 MB). */
  static final int BLOCK = 1 << 20;

  private final String key;
  private final String target;
  private final URI uri;
  private final ByteRangeReader reader;
  private final RangeReads reads;
  private final long offset;
  private volatile long length; // -1 until known for a whole target

  TargetContent(
      String key,
      String target,
      URI uri,
      ByteRangeReader reader,
      RangeReads reads,
      long offset,
      long length) {
    this.key = key;
    this.target = target;
    this.uri = uri;
    this.reader = reader;
    this.reads = reads;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public long size() throws IOException {
    long len = length;
    if (len < 0) {
      try {
        len = reads.size(uri);
      } catch (IOException | RuntimeException e) {
        throw unreachable("cannot get the size of the target", e);
      }
      length = len;
    }
    return len;
  }

  @Override
  public void read(long position, ByteBuffer dst) throws IOException {
    long size = size();
    if (position >= size || !dst.hasRemaining()) {
      return;
    }
    int n = (int) Math.min(dst.remaining(), size - position);
    try {
      if (reads.caches(uri, size)) {
        byte[] all = reads.read(new ByteRange(uri, offset, (int) size));
        dst.put(all, (int) position, n);
        return;
      }
      if (n < BLOCK && reads.caches(uri, BLOCK)) {
        readBlocks(position, n, size, dst);
        return;
      }
      ByteBuffer slice = dst.slice();
      slice.limit(n);
      reader.read(uri, offset + position, slice);
      dst.position(dst.position() + n);
    } catch (ClosedByInterruptException | InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw failure(
          e, size); // a source's bug or bad URL still reaches the caller as an IOException
    }
  }

  /**
   * Serves a small read of a large remote range (a whole HDF5 file read by a parser, say) from
   * aligned blocks kept in the cache, so that many small neighbouring reads cost one request per
   * block.
   */
  private void readBlocks(long position, int n, long size, ByteBuffer dst) throws IOException {
    long pos = position;
    int left = n;
    while (left > 0) {
      long blockStart = pos / BLOCK * BLOCK;
      int blockLen = (int) Math.min(BLOCK, size - blockStart);
      byte[] block = reads.read(new ByteRange(uri, offset + blockStart, blockLen));
      int k = (int) Math.min(left, blockStart + blockLen - pos);
      dst.put(block, (int) (pos - blockStart), k);
      pos += k;
      left -= k;
    }
  }

  /** The whole range of this key, for a multi-key read. */
  ByteRange range() throws IOException {
    long size = size();
    if (size > Integer.MAX_VALUE - 16) {
      throw unreachable(
          "the range [" + offset + ", +" + size + ") is too large to read into one array", null);
    }
    return new ByteRange(uri, offset, (int) size);
  }

  /** The exception for a failed read of this key's range. */
  ReferenceNotReachableException failure(Exception e, long size) {
    if (e instanceof ReferenceNotReachableException) {
      return (ReferenceNotReachableException) e;
    }
    String range = "range [" + offset + ", +" + size + ")";
    if (e instanceof EOFException) {
      // the EOF names the window that was read (a cache block, say), which is internal: quote the
      // reference
      return unreachable(
          "the target is shorter than the reference range ["
              + offset
              + ", "
              + (offset + size)
              + ") says"
              + targetLength(),
          e);
    }
    return unreachable(range + ": " + e, e);
  }

  private String targetLength() {
    try {
      return ": it has " + reader.size(uri) + " bytes";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private ReferenceNotReachableException unreachable(String reason, Exception cause) {
    return new ReferenceNotReachableException(
        key, target.isEmpty() ? uri.toString() : target, reason, cause);
  }
}
