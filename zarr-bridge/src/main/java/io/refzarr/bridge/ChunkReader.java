package io.refzarr.bridge;

import io.refzarr.bridge.codec.CodecException;
import io.refzarr.bridge.codec.CodecPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Reads a slice: walks the chunks that intersect it in batches, fetches each batch at once ({@link
 * ChunkFetcher}: coalesced on a {@code reference} file system), decodes and copies each chunk's
 * part into the result, on the calling thread and the array's executor. Each worker holds one batch
 * (at most about 8 MiB of decoded chunks), so memory is the result plus a few batches.
 */
final class ChunkReader {
  // workers per read: with the calling thread, the default executor (the common pool) uses every
  // core
  static final int PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final long MAX_RESULT_BYTES = Integer.MAX_VALUE - 16;

  private static final long BATCH_BYTES = 8 << 20;
  private static final int MAX_BATCH = 32;

  private final ChunkFetcher fetcher;
  private final Executor executor;
  private final ArrayLayout a;
  private final long[] chunkStrides;
  private final int chunkElements;
  private final ElementCopier chunkCopier;
  private final ElementCopier fillCopier;

  ChunkReader(Path dir, ArrayLayout layout, Executor executor) throws ZarrFormatException {
    this.fetcher = ChunkFetcher.of(dir);
    this.executor = executor;
    this.a = layout;
    this.chunkStrides = Region.chunkStrides(layout);
    long elements = bytesOrMax(layout.chunks(), 1);
    if (bytesOrMax(layout.chunks(), Math.max(1, layout.type().size())) > MAX_RESULT_BYTES) {
      throw new ZarrFormatException(
          "array '" + a.name() + "': chunks of " + elements + " elements are too large");
    }
    this.chunkElements = (int) elements;
    this.chunkCopier = new ElementCopier(layout.type(), layout.type().needsSwap());
    this.fillCopier = new ElementCopier(layout.type(), false);
  }

  /** Where this reader gets chunks from. */
  ChunkFetcher fetcher() {
    return fetcher;
  }

  ArrayData read(Slice s) throws IOException {
    long n = bytesOrMax(s.count(), 1);
    boolean strings = a.type().kind() == DataType.Kind.STRING;
    if (bytesOrMax(s.count(), Math.max(1, a.type().size())) > MAX_RESULT_BYTES) {
      throw new ZarrFormatException(
          "array '"
              + a.name()
              + "': slice "
              + s
              + " holds "
              + n
              + " elements, too many for one Java array; read it in parts");
    }
    Result out =
        strings
            ? new Result(null, new String[(int) n], true)
            : new Result(new byte[(int) (n * a.type().size())], null, true);
    ChunkBox box = ChunkBox.of(a, s);
    if (n > 0) {
      run(box, s, out, PARALLELISM);
    }
    long[] shape = a.scalar() ? new long[0] : s.resultShape();
    return new ArrayData(shape, a.type().littleEndian(), out.bytes, out.strings);
  }

  /**
   * Reads slice {@code s} of fixed-size elements into {@code buffer} (C order from index 0), on the
   * calling thread alone or with the executor. The buffer may hold earlier values: every element is
   * written.
   */
  void readInto(Slice s, byte[] buffer, boolean parallel) throws IOException {
    if (s.size() > 0) {
      run(ChunkBox.of(a, s), s, new Result(buffer, null, false), parallel ? PARALLELISM : 1);
    }
  }

  /**
   * The result of one read; {@code zeroed} if its bytes start as zeros, so zero fill needs no
   * writing.
   */
  private record Result(byte[] bytes, String[] strings, boolean zeroed) {}

  // The product of the sizes times the item size, or Long.MAX_VALUE if it overflows (hostile
  // metadata).
  private static long bytesOrMax(long[] sizes, int itemSize) {
    long n = itemSize;
    for (long size : sizes) {
      if (size != 0 && n > Long.MAX_VALUE / size) {
        return Long.MAX_VALUE;
      }
      n *= size;
    }
    return n;
  }

  // Workers pull batches of chunks on the calling thread and the executor (see ParallelLoop).
  private void run(ChunkBox box, Slice s, Result out, int parallelism) throws IOException {
    int batch = batchSize(box.count());
    ParallelLoop.run(
        box.count(), batch, parallelism, executor, (from, to) -> readBatch(box, from, to, s, out));
  }

  // Enough chunks per fetch for coalescing to pay, few enough to keep every worker busy and memory
  // small.
  private int batchSize(long chunks) {
    long chunkBytes = Math.max(1, (long) chunkElements * Math.max(1, a.type().size()));
    long bySize = Math.max(1, BATCH_BYTES / chunkBytes);
    long byShare = Math.max(1, chunks / (4L * PARALLELISM));
    return (int) Math.min(MAX_BATCH, Math.min(bySize, byShare));
  }

  private void readBatch(ChunkBox box, long from, long to, Slice s, Result out) throws IOException {
    List<long[]> indices = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (long i = from; i < to; i++) {
      long[] index = box.index(i);
      if (Region.of(a, s, index, chunkStrides) != null) {
        indices.add(index);
        keys.add(a.keys().key(index));
      }
    }
    Map<String, byte[]> fetched = fetcher.fetch(keys);
    for (int k = 0; k < keys.size(); k++) {
      byte[] encoded = fetched.remove(keys.get(k));
      if (encoded == null) {
        fill(indices.get(k), s, out);
      } else {
        place(indices.get(k), keys.get(k), encoded, s, out);
      }
    }
  }

  private void place(long[] index, String key, byte[] encoded, Slice s, Result out)
      throws IOException {
    Region r = Region.of(a, s, index, chunkStrides);
    if (out.strings != null) {
      String[] chunk = decodeStrings(key, encoded);
      r.forEachRun((src, step, dst, n) -> copyStrings(chunk, src, step, out.strings, dst, n));
    } else {
      CodecPipeline.Decoded chunk = decode(key, encoded);
      byte[] b = chunk.bytes();
      if (chunk.shuffle() > 0) {
        r.forEachRun(
            (src, step, dst, n) ->
                chunkCopier.copyShuffled(b, chunkElements, src, step, out.bytes, dst, n));
      } else {
        r.forEachRun((src, step, dst, n) -> chunkCopier.copy(b, src, step, out.bytes, dst, n));
      }
    }
  }

  private void fill(long[] index, Slice s, Result out) {
    Region r = Region.of(a, s, index, new long[a.rank()]);
    if (out.strings != null) {
      String[] one = {a.fillString()};
      r.forEachRun((src, step, dst, n) -> copyStrings(one, 0, 0, out.strings, dst, n));
    } else if (!out.zeroed || !allZero(a.fillElement())) {
      r.forEachRun(
          (src, step, dst, n) -> fillCopier.copy(a.fillElement(), 0, 0, out.bytes, dst, n));
    }
  }

  private CodecPipeline.Decoded decode(String key, byte[] encoded) throws ChunkDecodeException {
    try {
      return a.codecs().decodeForCopy(encoded, chunkElements * a.type().size(), shuffleSize());
    } catch (CodecException e) {
      throw new ChunkDecodeException(a.name(), key, e);
    } catch (RuntimeException e) {
      throw new ChunkDecodeException(a.name(), key, e);
    }
  }

  // Shuffles of whole elements can be undone while copying; record types keep the separate pass.
  private int shuffleSize() {
    DataType t = a.type();
    return t.kind() == DataType.Kind.STRUCT ? 0 : t.size();
  }

  private String[] decodeStrings(String key, byte[] encoded) throws ChunkDecodeException {
    try {
      return a.codecs().decodeStrings(encoded, chunkElements);
    } catch (CodecException e) {
      throw new ChunkDecodeException(a.name(), key, e);
    } catch (RuntimeException e) {
      throw new ChunkDecodeException(a.name(), key, e);
    }
  }

  private static void copyStrings(
      String[] src, long srcPos, long step, String[] dst, long dstPos, int n) {
    for (int k = 0; k < n; k++) {
      dst[(int) dstPos + k] = src[(int) (srcPos + k * step)];
    }
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** The box of chunk indices that a slice touches, numbered in C order. */
  record ChunkBox(long[] lo, long[] extent, long count) {
    static ChunkBox of(ArrayLayout a, Slice s) {
      int rank = a.rank();
      long[] lo = new long[rank];
      long[] extent = new long[rank];
      long count = 1;
      for (int d = 0; d < rank; d++) {
        long c = a.chunks()[d];
        long first = s.offset()[d];
        long last = first + Math.max(0, s.count()[d] - 1) * s.stride()[d];
        lo[d] = first / c;
        extent[d] = s.count()[d] == 0 ? 0 : last / c - lo[d] + 1;
        count *= extent[d];
      }
      return new ChunkBox(lo, extent, count);
    }

    long[] index(long i) {
      long[] idx = new long[lo.length];
      for (int d = lo.length - 1; d >= 0; d--) {
        idx[d] = lo[d] + i % extent[d];
        i /= extent[d];
      }
      return idx;
    }

    @Override
    public String toString() {
      return Arrays.toString(lo) + "+" + Arrays.toString(extent);
    }
  }
}
