package io.refzarr.bridge;

import io.refzarr.nio.FileRange;
import io.refzarr.source.ReferenceNotReachableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Writes a slice of an uncompressed array into a file by copying its chunks from the local files
 * they lie in, file to file in the kernel ({@link FileChannel#transferFrom}, which maps the source
 * and writes from the mapping), never through the heap: the way {@code refzarr get} writes raw
 * arrays at the speed of {@code cat}.
 *
 * <p>It applies when a chunk's stored bytes are its values as the result wants them (no codec, no
 * byte swap, C order) and each chunk covers whole rows of the result: every axis after the first is
 * taken whole and is one chunk wide. Then chunk row {@code c} holds a contiguous run of the result.
 * A chunk that is not a full-size range of a local file (inline, remote, missing, of another
 * length) is read the ordinary way by the {@link Fallback}.
 */
final class DirectCopy {
  /** Below this chunk size the system calls per chunk cost more than the copies they save. */
  static final long MIN_CHUNK_BYTES = 256 << 10;

  /** Reads rows {@code [from, from + count)} of the array the ordinary way into the output. */
  @FunctionalInterface
  interface Fallback {
    void read(long from, long count, long outPosition) throws IOException;
  }

  private final ArrayLayout a;
  private final ChunkFetcher fetcher;
  private final Executor executor;
  private final long rowBytes;
  private final long chunkBytes;

  private DirectCopy(ArrayLayout a, ChunkFetcher fetcher, Executor executor) {
    this.a = a;
    this.fetcher = fetcher;
    this.executor = executor;
    long row = a.type().size();
    for (int d = 1; d < a.rank(); d++) {
      row *= a.shape()[d];
    }
    this.rowBytes = row;
    this.chunkBytes = row * a.chunks()[0];
  }

  /** A direct copy of slice {@code s}, or empty if the array or the slice does not allow one. */
  static Optional<DirectCopy> of(ArrayLayout a, Slice s, ChunkFetcher fetcher, Executor executor) {
    if (!storedAsResult(a) || !wholeRows(a, s)) {
      return Optional.empty();
    }
    DirectCopy copy = new DirectCopy(a, fetcher, executor);
    return copy.chunkBytes < MIN_CHUNK_BYTES ? Optional.empty() : Optional.of(copy);
  }

  /** Whether the stored bytes of the array's chunks are its values as a result holds them. */
  static boolean storedAsResult(ArrayLayout a) {
    DataType t = a.type();
    if (a.scalar() || !a.codecs().names().isEmpty() || a.codecs().decodesStrings()) {
      return false;
    }
    if (t.kind() == DataType.Kind.STRING || t.needsSwap()) {
      return false;
    }
    for (int d = 0; d < a.rank(); d++) {
      if (a.storedAxes()[d] != d) {
        return false;
      }
    }
    return true;
  }

  private static boolean wholeRows(ArrayLayout a, Slice s) {
    if (s.stride()[0] != 1) {
      return false;
    }
    for (int d = 1; d < a.rank(); d++) {
      boolean whole = s.offset()[d] == 0 && s.count()[d] == a.shape()[d] && s.stride()[d] == 1;
      if (!whole || a.chunks()[d] != a.shape()[d]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes rows {@code s.offset()[0]} onwards of the slice into {@code out} at {@code position}.
   */
  void run(Slice s, FileChannel out, long position, Fallback fallback) throws IOException {
    long first = s.offset()[0];
    long last = first + s.count()[0]; // exclusive
    if (last == first) {
      return;
    }
    long end = position + (last - first) * rowBytes;
    if (out.size() < end) {
      out.write(ByteBuffer.allocate(1), end - 1); // transferFrom does not write past the end
    }
    long c0 = first / a.chunks()[0];
    long chunks = (last - 1) / a.chunks()[0] - c0 + 1;
    ParallelLoop.run(
        chunks,
        1,
        ChunkReader.PARALLELISM,
        executor,
        (from, to) -> {
          for (long c = c0 + from; c < c0 + to; c++) {
            long r0 = Math.max(first, c * a.chunks()[0]);
            long r1 = Math.min(last, (c + 1) * a.chunks()[0]);
            copyChunk(c, r0, r1, out, position + (r0 - first) * rowBytes, fallback);
          }
        });
  }

  private void copyChunk(long c, long r0, long r1, FileChannel out, long at, Fallback fallback)
      throws IOException {
    long[] index = new long[a.rank()];
    index[0] = c;
    String key = a.keys().key(index);
    Optional<FileRange> range = fetcher.fileRange(key);
    if (range.isEmpty() || range.get().length() != chunkBytes) {
      fallback.read(r0, r1 - r0, at);
      return;
    }
    FileRange r = range.get();
    long skip = (r0 - c * a.chunks()[0]) * rowBytes;
    long n = (r1 - r0) * rowBytes;
    try (FileChannel src = FileChannel.open(r.file(), StandardOpenOption.READ)) {
      src.position(r.offset() + skip);
      for (long done = 0; done < n; ) {
        long k = out.transferFrom(src, at + done, n - done);
        if (k <= 0) {
          throw new ReferenceNotReachableException(
              a.name() + "/" + key,
              r.file().toString(),
              "the file ended at byte " + src.position() + " while its range was copied",
              null);
        }
        done += k;
      }
    }
  }
}
