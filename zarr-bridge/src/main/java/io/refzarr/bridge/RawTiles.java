package io.refzarr.bridge;

import io.refzarr.nio.FileRange;
import io.refzarr.source.ReferenceNotReachableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads tiles ({@link TiledRead}) of an uncompressed array straight from the local files its chunks
 * lie in, into a direct buffer: one positional read per chunk into a direct scratch buffer, then
 * the chunk's runs copied to their place in the tile, which the sink writes out as it is. Nothing
 * passes through the heap, where each byte would be copied three times more (the JDK's temporary
 * direct buffers on reading and on writing, and the fetched chunk). It is how {@code refzarr get}
 * writes chunked raw arrays when the chunks are not whole rows ({@link DirectCopy} does those).
 *
 * <p>It applies where {@link DirectCopy} would but for the rows: the stored bytes are the values
 * ({@link DirectCopy#storedAsResult}), every axis of the slice has step 1, and chunks are large
 * enough that one read per chunk costs less than coalescing them. A tile with a chunk that is not a
 * full-size range of a local file (missing, inline, remote) is left to the ordinary path: {@link
 * #read} says so before reading anything.
 */
final class RawTiles {
  private final ArrayLayout a;
  private final ChunkFetcher fetcher;
  private final long[] chunkStrides;
  private final int item;
  private final int chunkBytes;

  private RawTiles(ArrayLayout a, ChunkFetcher fetcher, int chunkBytes) {
    this.a = a;
    this.fetcher = fetcher;
    this.chunkStrides = Region.chunkStrides(a);
    this.item = a.type().size();
    this.chunkBytes = chunkBytes;
  }

  /** Raw tiles of slice {@code s}, or empty if the array or the slice does not allow them. */
  static Optional<RawTiles> of(ArrayLayout a, Slice s, ChunkFetcher fetcher) {
    if (!DirectCopy.storedAsResult(a)) {
      return Optional.empty();
    }
    for (long step : s.stride()) {
      if (step != 1) {
        return Optional.empty();
      }
    }
    long bytes = a.type().size();
    for (long c : a.chunks()) {
      bytes *= c;
    }
    if (bytes < DirectCopy.MIN_CHUNK_BYTES || bytes > TiledRead.MAX_RAW_TILE_BYTES) {
      return Optional.empty();
    }
    return Optional.of(new RawTiles(a, fetcher, (int) bytes));
  }

  /** One worker's scratch buffer, which a chunk is read into before its runs go to the tile. */
  final class Worker {
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(chunkBytes);

    private ByteBuffer readChunk(String key, FileRange r) throws IOException {
      scratch.clear();
      try (FileChannel channel = FileChannel.open(r.file(), StandardOpenOption.READ)) {
        while (scratch.hasRemaining()) {
          if (channel.read(scratch, r.offset() + scratch.position()) < 0) {
            throw new ReferenceNotReachableException(
                a.name() + "/" + key,
                r.file().toString(),
                "the file ended at byte "
                    + (r.offset() + scratch.position())
                    + ", inside the chunk's range from byte "
                    + r.offset(),
                null);
          }
        }
      }
      return scratch;
    }
  }

  Worker worker() {
    return new Worker();
  }

  /**
   * Reads {@code tile} (C order from index 0) into {@code dst}, or returns false without reading if
   * one of its chunks is not a full-size range of a local file.
   */
  boolean read(Slice tile, ByteBuffer dst, Worker w) throws IOException {
    ChunkReader.ChunkBox box = ChunkReader.ChunkBox.of(a, tile);
    List<long[]> indices = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<FileRange> ranges = new ArrayList<>();
    for (long i = 0; i < box.count(); i++) {
      long[] index = box.index(i);
      String key = a.keys().key(index);
      Optional<FileRange> r = fetcher.fileRange(key);
      if (r.isEmpty() || r.get().length() != chunkBytes) {
        return false;
      }
      indices.add(index);
      keys.add(key);
      ranges.add(r.get());
    }
    for (int k = 0; k < ranges.size(); k++) {
      ByteBuffer chunk = w.readChunk(keys.get(k), ranges.get(k));
      Region.of(a, tile, indices.get(k), chunkStrides)
          .forEachRun(
              (src, step, at, n) ->
                  dst.put((int) (at * item), chunk, (int) (src * item), n * item));
    }
    return true;
  }
}
