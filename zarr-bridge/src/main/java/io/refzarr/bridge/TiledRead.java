package io.refzarr.bridge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * Reads a slice of fixed-size elements in tiles and hands each tile's bytes to a {@link Sink} at
 * their place in the C-order result, so memory is a few tiles however large the slice.
 *
 * <p>A tile is the part of the result that one row of chunks along the leading axes {@code 0..k}
 * covers, with the axes after {@code k} whole: its bytes reach the result in runs of contiguous
 * bytes, one run per index of the axes before {@code k} (a single run when {@code k} is 0). {@code
 * k} is the first axis whose tiles fit {@link #TILE_BYTES}; a smaller tile is not taken when its
 * runs would be short (under {@link #MIN_RUN_BYTES}: many small writes cost more than memory)
 * unless the tile would pass {@link #MAX_TILE_BYTES}. Each chunk belongs to exactly one tile, so it
 * is fetched and decoded once.
 *
 * <p>Unordered (a positional sink), tiles are read in parallel, each by one worker, which reuses
 * its buffer; when there are too few tiles to keep the workers busy, they are read one after
 * another with their chunks in parallel. Ordered (a sequential sink), the result is read in groups
 * of whole rows along axis 0, one group after another, the chunks of each in parallel: a row of
 * chunks along axis 0 makes one group unless it passes {@link #MAX_TILE_BYTES}, when it is read in
 * parts (decoding its chunks once per part).
 */
final class TiledRead {
  static final long TILE_BYTES = 8 << 20;
  static final long MIN_RUN_BYTES = 64 << 10;
  static final long MAX_TILE_BYTES = 256 << 20;
  // direct tile buffers are not on the heap: keep the ones each worker holds moderate
  static final long MAX_RAW_TILE_BYTES = 64 << 20;

  /**
   * Receives bytes of the result: the {@code bytes} remaining (heap or direct) at byte {@code
   * position} of the result.
   */
  @FunctionalInterface
  interface Sink {
    void write(long position, ByteBuffer bytes) throws IOException;

    /**
     * Whether writes serialise anyway (positional writes to one file), so that the parallel workers
     * hand their tiles to one writer ({@link TileWriter}) instead of waiting on each other.
     */
    default boolean oneAtATime() {
      return false;
    }
  }

  private final ArrayLayout a;
  private final ChunkReader reader;
  private final Executor executor;
  private final Slice s;
  private final int item;
  private final long[] count;
  private final long[] outStride; // elements of the result per step along each axis
  private final ChunkReader.ChunkBox box;
  private final long budget;
  private final long orderedBudget;
  private final long minRun;
  private final int k;
  private final long tileBytes;
  private final RawTiles raw; // null: every tile is read the ordinary way

  TiledRead(ArrayLayout a, ChunkReader reader, Executor executor, Slice s) {
    this(a, reader, executor, s, TILE_BYTES, MIN_RUN_BYTES, MAX_TILE_BYTES);
  }

  /** With other limits than the defaults, for tests that want small tiles. */
  TiledRead(
      ArrayLayout a,
      ChunkReader reader,
      Executor executor,
      Slice s,
      long budget,
      long minRun,
      long orderedBudget) {
    this.budget = budget;
    this.orderedBudget = orderedBudget;
    this.minRun = minRun;
    this.a = a;
    this.reader = reader;
    this.executor = executor;
    this.s = s;
    this.item = a.type().size();
    this.count = s.count();
    int rank = count.length;
    this.outStride = new long[rank];
    long stride = 1;
    for (int d = rank - 1; d >= 0; d--) {
      outStride[d] = stride;
      stride *= count[d];
    }
    this.box = ChunkReader.ChunkBox.of(a, s);
    long[] perChunk = new long[rank];
    for (int d = 0; d < rank; d++) {
      perChunk[d] = Math.min(count[d], ceilDiv(a.chunks()[d], s.stride()[d]));
    }
    int axis = 0;
    while (axis < rank - 1 && !fits(perChunk, axis)) {
      axis++;
    }
    this.k = axis;
    this.tileBytes = tileBytes(perChunk, axis);
    this.raw =
        tileBytes <= MAX_RAW_TILE_BYTES ? RawTiles.of(a, s, reader.fetcher()).orElse(null) : null;
  }

  // Whether tiles split after `axis` are the ones to take (see the class comment).
  private boolean fits(long[] perChunk, int axis) {
    long bytes = tileBytes(perChunk, axis);
    long nextRun = perChunk[axis + 1] * outStride[axis + 1] * item;
    return bytes <= budget || nextRun < minRun && bytes <= MAX_TILE_BYTES;
  }

  private long tileBytes(long[] perChunk, int axis) {
    long n = item;
    for (int d = 0; d < count.length; d++) {
      n *= d <= axis ? perChunk[d] : count[d];
    }
    return n;
  }

  /**
   * The last axis a tile is split along: tiles are rows of chunks along axes {@code
   * 0..splitAxis()}.
   */
  int splitAxis() {
    return k;
  }

  /** The bytes of the largest tile, the buffer each worker holds. */
  long tileBytes() {
    return tileBytes;
  }

  /**
   * Reads every tile into {@code sink}; {@code ordered} gives the sink the result's bytes in order.
   */
  void run(Sink sink, boolean ordered) throws IOException {
    if (s.size() == 0) {
      return;
    }
    long tiles = 1;
    for (int d = 0; d <= k; d++) {
      tiles *= box.extent()[d];
    }
    if (ordered) {
      readRows(sink);
      return;
    }
    if (tiles < 2L * ChunkReader.PARALLELISM) {
      // too few tiles to share: share each tile's chunks instead, the ordinary way
      Buffers buffers = new Buffers(null);
      for (long t = 0; t < tiles; t++) {
        Filled tile = readTile(t, buffers, true);
        if (tile != null) {
          tile.writeTo(sink);
        }
      }
      return;
    }
    ConcurrentLinkedQueue<Buffers> free = new ConcurrentLinkedQueue<>();
    // Only raw tiles are written about as fast as they are read; decoded ones would queue for
    // nothing but memory. One queued tile is enough: two gave the same time with 10 MB more RSS.
    TileWriter writer = sink.oneAtATime() && raw != null ? new TileWriter(sink, 1) : null;
    ParallelLoop.run(
        tiles,
        1,
        ChunkReader.PARALLELISM,
        executor,
        (from, to) -> {
          for (long t = from; t < to; t++) {
            Buffers buffers = free.poll();
            if (buffers == null) {
              buffers = new Buffers(raw == null ? null : raw.worker());
            }
            Filled tile = readTile(t, buffers, false);
            if (writer != null && tile != null) {
              writer.write(tile.handingBack(buffers, free));
              continue;
            }
            try {
              if (tile != null) {
                tile.writeTo(sink);
              }
            } finally {
              free.add(buffers);
            }
          }
        });
  }

  /**
   * One worker's tile buffers, made when first needed: a heap tile, and a direct one for {@link
   * RawTiles} if it applies.
   */
  private final class Buffers {
    private final RawTiles.Worker raw;
    private byte[] heap;
    private ByteBuffer direct;

    Buffers(RawTiles.Worker raw) {
      this.raw = raw;
    }

    byte[] heap() {
      if (heap == null) {
        heap = new byte[(int) tileBytes];
      }
      return heap;
    }

    ByteBuffer direct() {
      if (direct == null) {
        direct = ByteBuffer.allocateDirect((int) tileBytes);
      }
      return direct;
    }
  }

  /**
   * A tile read into {@code bytes}: {@code n[d]} indices of the result from {@code lo[d]}; {@code
   * release} gives its buffers back once written.
   */
  private final class Filled implements TileWriter.Tile {
    private final long[] lo;
    private final long[] n;
    private final ByteBuffer bytes;
    private final Runnable release;

    Filled(long[] lo, long[] n, ByteBuffer bytes, Runnable release) {
      this.lo = lo;
      this.n = n;
      this.bytes = bytes;
      this.release = release;
    }

    Filled handingBack(Buffers buffers, ConcurrentLinkedQueue<Buffers> free) {
      return new Filled(lo, n, bytes, () -> free.add(buffers));
    }

    @Override
    public void writeTo(Sink sink) throws IOException {
      emit(lo, n, bytes, sink);
    }

    @Override
    public void release() {
      release.run();
    }
  }

  // Groups of whole rows along axis 0, in order: each chunk row's selected rows, in parts if too
  // large.
  private void readRows(Sink sink) throws IOException {
    long rowBytes = outStride[0] * item;
    long perChunk = Math.min(count[0], ceilDiv(a.chunks()[0], s.stride()[0]));
    long rows = Math.max(1, Math.min(perChunk, orderedBudget / Math.max(1, rowBytes)));
    if (rows * rowBytes > Integer.MAX_VALUE - 16) {
      throw new UnsupportedOperationException(
          "array '"
              + a.name()
              + "': one row of slice "
              + s
              + " holds "
              + rowBytes
              + " bytes, too many to write in order; write into a file channel at a position");
    }
    byte[] buffer = new byte[(int) (rows * rowBytes)];
    long[] off = s.offset();
    long[] str = s.stride();
    for (long c = box.lo()[0]; c < box.lo()[0] + box.extent()[0]; c++) {
      long c0 = c * a.chunks()[0];
      long c1 = Math.min(c0 + a.chunks()[0], a.shape()[0]);
      long lo = c0 <= off[0] ? 0 : ceilDiv(c0 - off[0], str[0]);
      long hi = c1 - 1 < off[0] ? -1 : Math.min(count[0] - 1, (c1 - 1 - off[0]) / str[0]);
      for (long r = lo; r <= hi; r += rows) {
        long[] partOff = s.offset();
        long[] partCount = count.clone();
        partOff[0] = off[0] + r * str[0];
        partCount[0] = Math.min(rows, hi - r + 1);
        reader.readInto(Slice.of(partOff, partCount, str), buffer, true);
        sink.write(r * rowBytes, ByteBuffer.wrap(buffer, 0, (int) (partCount[0] * rowBytes)));
      }
    }
  }

  // Reads tile t into one of the buffers; null if a stride steps over its chunk row.
  private Filled readTile(long t, Buffers buffers, boolean parallel) throws IOException {
    int rank = count.length;
    long[] off = s.offset();
    long[] str = s.stride();
    long[] lo = new long[rank];
    long[] n = count.clone();
    long rest = t;
    for (int d = k; d >= 0; d--) {
      long index = box.lo()[d] + rest % box.extent()[d];
      rest /= box.extent()[d];
      long c0 = index * a.chunks()[d];
      long c1 = Math.min(c0 + a.chunks()[d], a.shape()[d]);
      lo[d] = c0 <= off[d] ? 0 : ceilDiv(c0 - off[d], str[d]);
      long hi = c1 - 1 < off[d] ? -1 : Math.min(count[d] - 1, (c1 - 1 - off[d]) / str[d]);
      if (lo[d] > hi) {
        return null;
      }
      n[d] = hi - lo[d] + 1;
    }
    long[] tileOff = new long[rank];
    for (int d = 0; d < rank; d++) {
      tileOff[d] = off[d] + lo[d] * str[d];
    }
    Slice tile = Slice.of(tileOff, n, str);
    if (buffers.raw != null && raw.read(tile, buffers.direct(), buffers.raw)) {
      return new Filled(lo, n, buffers.direct(), () -> {});
    }
    reader.readInto(tile, buffers.heap(), parallel);
    return new Filled(lo, n, ByteBuffer.wrap(buffers.heap()), () -> {});
  }

  // The tile's runs: one per index of the axes before k, each n[k] rows of the whole trailing axes.
  private void emit(long[] lo, long[] n, ByteBuffer buffer, Sink sink) throws IOException {
    long runBytes = n[k] * outStride[k] * item;
    long[] j = new long[k];
    for (int src = 0; ; src += (int) runBytes) {
      long dst = lo[k] * outStride[k];
      for (int d = 0; d < k; d++) {
        dst += (lo[d] + j[d]) * outStride[d];
      }
      sink.write(dst * item, buffer.slice(src, (int) runBytes));
      int d = k - 1;
      while (d >= 0 && ++j[d] == n[d]) {
        j[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  private static long ceilDiv(long x, long y) {
    return (x + y - 1) / y;
  }
}
