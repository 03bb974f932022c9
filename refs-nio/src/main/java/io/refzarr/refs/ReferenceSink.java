package io.refzarr.refs;

import io.refzarr.zarr.ChunkGrid;
import io.refzarr.zarr.ZarrKeys;
import java.io.Closeable;
import java.io.IOException;

/**
 * Where generators (scanners, the combiner) put references as they make them: an in-memory builder,
 * or a streaming writer (Parquet) that never holds the whole set. Keys may arrive in any order; a
 * later put of the same key wins. {@link #close()} finishes the output.
 */
public interface ReferenceSink extends Closeable {

  /** Adds (or replaces) one reference. */
  void put(String key, Reference ref) throws IOException;

  /**
   * Adds (or replaces) the reference of one chunk, by its index in the chunk grid of {@code array}
   * (the array's path, {@code ""} for a root array): the same as {@link #put} of the key {@code
   * array/i.j.k} ({@code array/0} for a 0-d array). Sinks that store chunks by index override it to
   * skip making and parsing the key.
   */
  default void putChunk(String array, long[] index, Reference ref) throws IOException {
    put(ZarrKeys.chunkKey(array, index), ref);
  }

  /**
   * Says that chunks of {@code array}, on {@code grid}, come before the array's {@code .zarray} (a
   * scanner decides the metadata after walking the chunks). Sinks that store chunks by their place
   * in the grid (Parquet) then store them as they come instead of holding them until the metadata;
   * the {@code .zarray} must follow, with the same grid, before {@link #close()}. The default does
   * nothing.
   */
  default void expectChunks(String array, ChunkGrid grid) throws IOException {}
}
