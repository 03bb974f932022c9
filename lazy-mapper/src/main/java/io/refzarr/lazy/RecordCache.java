package io.refzarr.lazy;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.refzarr.internal.concurrent.Futures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Record-file footers and decoded pages of one lazy set, in Caffeine async caches: concurrent
 * misses on the same page share one load, and pages are bounded by their estimated heap bytes.
 */
final class RecordCache {
  /** A record file: array path and record number. */
  record FileKey(String field, long record) {}

  /** One block (page or row group) of a record file. */
  record BlockKey(FileKey file, int block) {}

  private final RecordSource root;
  private final int recordSize;
  private final AsyncLoadingCache<FileKey, Loaded<Optional<RecordFile>>> files;
  private final AsyncLoadingCache<BlockKey, Loaded<RowBlock>> blocks;
  private final java.util.concurrent.atomic.LongAdder loads =
      new java.util.concurrent.atomic.LongAdder();

  RecordCache(RecordSource root, int recordSize, LazyOptions options) {
    this.root = root;
    this.recordSize = recordSize;
    this.files =
        Caffeine.newBuilder()
            .maximumSize(options.maxCachedFiles())
            .executor(options.executor())
            .buildAsync(
                key ->
                    Loaded.of(
                        () ->
                            Optional.ofNullable(
                                RecordFile.open(
                                    root,
                                    ZMetadata.recordName(key.field(), key.record()),
                                    recordSize))));
    this.blocks =
        Caffeine.newBuilder()
            .maximumWeight(options.maxCachedBytes())
            .<BlockKey, Loaded<RowBlock>>weigher((k, v) -> v.value == null ? 1 : v.value.weight())
            .executor(options.executor())
            .recordStats()
            .buildAsync(this::loadBlock);
  }

  private Loaded<RowBlock> loadBlock(BlockKey key) {
    // counted here, before the caller's join returns: Caffeine records its load statistics
    // asynchronously
    loads.increment();
    return Loaded.of(() -> file(key.file()).orElseThrow().readBlock(key.block()));
  }

  /** The record file, or empty if it does not exist. */
  Optional<RecordFile> file(FileKey key) throws IOException {
    return value(files, key);
  }

  /** A block of a record file. */
  RowBlock block(FileKey file, int block) throws IOException {
    return value(blocks, new BlockKey(file, block));
  }

  /**
   * The loaded value, or the load's failure. A failure is shared by the callers that waited for
   * that load and then dropped, so a later lookup tries again (the next read of a flaky remote file
   * may work).
   */
  private static <K, V> V value(AsyncLoadingCache<K, Loaded<V>> cache, K key) throws IOException {
    Loaded<V> loaded = Futures.get(cache.get(key));
    if (loaded.error != null) {
      cache.synchronous().asMap().remove(key, loaded);
      throw loaded.error;
    }
    return loaded.value;
  }

  /**
   * A load's value or its failure. Loads complete normally even when they fail, so the cache does
   * not log each bad record file as an unexpected exception; the caller gets the typed error
   * instead.
   */
  private static final class Loaded<V> {
    final V value;
    final IOException error;

    private Loaded(V value, IOException error) {
      this.value = value;
      this.error = error;
    }

    interface Loader<V> {
      V load() throws IOException;
    }

    static <V> Loaded<V> of(Loader<V> loader) {
      try {
        return new Loaded<>(loader.load(), null);
      } catch (IOException e) {
        return new Loaded<>(null, e);
      } catch (UncheckedIOException e) {
        return new Loaded<>(null, e.getCause());
      }
    }
  }

  /** The full name of a record file, for messages. */
  String recordPath(FileKey key) {
    return root.describe(ZMetadata.recordName(key.field(), key.record()));
  }

  int recordSize() {
    return recordSize;
  }

  CacheMetrics metrics() {
    blocks.synchronous().cleanUp(); // weights are applied by pending maintenance; settle them first
    CacheStats s = blocks.synchronous().stats();
    long weight =
        blocks
            .synchronous()
            .policy()
            .eviction()
            .flatMap(
                e ->
                    e.weightedSize().isPresent()
                        ? Optional.of(e.weightedSize().getAsLong())
                        : Optional.empty())
            .orElse(0L);
    return new CacheMetrics(s.hitCount(), s.missCount(), loads.sum(), s.evictionCount(), weight);
  }

  void clear() {
    blocks.synchronous().invalidateAll();
    files.synchronous().invalidateAll();
  }
}
