package io.refzarr.source;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.refzarr.internal.concurrent.Futures;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The read engine of one file system over its {@link ByteRangeReaders}: many ranges at once,
 * coalesced per target ({@link ReadSettings#maxGap()}, {@link ReadSettings#maxBlock()}) and fetched
 * with at most {@link ReadSettings#maxConcurrentRequests()} requests in flight; ranges of remote
 * targets kept in a weight-bounded block cache keyed by exact range, whose in-flight entries let
 * concurrent readers of one range share a single fetch. Local targets are read directly, uncached
 * and unmerged.
 */
public final class RangeReads implements Closeable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ByteRangeReaders sources;
  private final ReadSettings settings;
  // made on the first remote read: a run that reads local files only (most scans, combines and
  // cats)
  // does not pay for loading the cache's classes
  private volatile AsyncCache<ByteRange, byte[]> cache;
  private final ThreadPoolExecutor pool;
  private final Map<URI, Long> sizes = new java.util.concurrent.ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder requests = new LongAdder();

  private RangeReads(ByteRangeReaders sources, ReadSettings settings) {
    this.sources = sources;
    this.settings = settings;
    int n = settings.maxConcurrentRequests();
    String name = "refzarr-read-" + POOLS.incrementAndGet() + "-";
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            n,
            n,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  private AsyncCache<ByteRange, byte[]> cache() {
    AsyncCache<ByteRange, byte[]> c = cache;
    if (c == null) {
      synchronized (this) {
        c = cache;
        if (c == null) {
          c =
              Caffeine.newBuilder()
                  .maximumWeight(settings.cacheBytes())
                  .weigher((ByteRange k, byte[] v) -> v.length)
                  .recordStats()
                  .buildAsync();
          cache = c;
        }
      }
    }
    return c;
  }

  /** A read engine over {@code sources}; closing it stops its threads (not the sources). */
  public static RangeReads create(ByteRangeReaders sources, ReadSettings settings) {
    return new RangeReads(sources, settings);
  }

  /** The settings in force. */
  public ReadSettings settings() {
    return settings;
  }

  /**
   * Starts reading every range, returning one future per range in the same order. Ranges of one
   * target are coalesced; ranges already cached or in flight are not fetched again. A failure fails
   * only the futures of the ranges it concerns.
   */
  public List<CompletableFuture<byte[]>> readAll(List<ByteRange> ranges) {
    return start(ranges, pool);
  }

  /** Reads one range on the calling thread, through the cache when its target is remote. */
  public byte[] read(ByteRange range) throws IOException {
    return join(start(List.of(range), Runnable::run).get(0));
  }

  /**
   * The size of a whole target. Remote sizes are asked once per file system (their identity is
   * pinned, so the size cannot change unnoticed); local ones every time.
   */
  public long size(URI target) throws IOException {
    Long known = sizes.get(target);
    if (known != null) {
      return known;
    }
    ByteRangeReader reader = sources.forTarget(target);
    long size = reader.size(target);
    if (reader.isRemote()) {
      sizes.put(target, size);
    }
    return size;
  }

  /**
   * Whether ranges of {@code target} go through the cache: remote targets of a cacheable length.
   */
  public boolean caches(URI target, long length) throws IOException {
    return settings.cacheBytes() != 0
        && length <= settings.maxCachedRange()
        && sources.forTarget(target).isRemote();
  }

  private List<CompletableFuture<byte[]>> start(List<ByteRange> ranges, Executor executor) {
    List<CompletableFuture<byte[]>> out = new ArrayList<>(ranges.size());
    Map<URI, Map<ByteRange, CompletableFuture<byte[]>>> toFetch = new LinkedHashMap<>();
    for (ByteRange r : ranges) {
      out.add(lookup(r, toFetch));
    }
    toFetch.forEach((target, mine) -> dispatch(target, mine, executor));
    return out;
  }

  private CompletableFuture<byte[]> lookup(
      ByteRange r, Map<URI, Map<ByteRange, CompletableFuture<byte[]>>> toFetch) {
    Map<ByteRange, CompletableFuture<byte[]>> mine =
        toFetch.computeIfAbsent(r.target(), t -> new LinkedHashMap<>());
    CompletableFuture<byte[]> f = mine.get(r);
    if (f != null) {
      return f;
    }
    f = new CompletableFuture<>();
    if (cacheable(r)) {
      CompletableFuture<byte[]> existing = cache().asMap().putIfAbsent(r, f);
      if (existing != null) {
        hits.increment();
        return existing;
      }
      misses.increment();
    }
    mine.put(r, f);
    return f;
  }

  private boolean cacheable(ByteRange r) {
    try {
      return caches(r.target(), r.length());
    } catch (IOException | RuntimeException e) {
      return false; // no source for the scheme: dispatch reports it
    }
  }

  private void dispatch(
      URI target, Map<ByteRange, CompletableFuture<byte[]>> mine, Executor executor) {
    if (mine.isEmpty()) {
      return;
    }
    ByteRangeReader reader;
    try {
      reader = sources.forTarget(target);
    } catch (IOException | RuntimeException e) {
      mine.values().forEach(f -> fail(f, e));
      return;
    }
    List<ByteRange> ranges = new ArrayList<>(mine.keySet());
    List<RangeCoalescer.Block> blocks =
        reader.isRemote()
            ? RangeCoalescer.coalesce(ranges, settings.maxGap(), settings.maxBlock())
            : RangeCoalescer.coalesce(ranges, -1, 1);
    for (RangeCoalescer.Block b : blocks) {
      try {
        executor.execute(() -> fetch(reader, target, b, mine));
      } catch (RuntimeException e) {
        b.parts().forEach(p -> fail(mine.get(p), new IOException("the file system is closed", e)));
      }
    }
  }

  private void fetch(
      ByteRangeReader reader,
      URI target,
      RangeCoalescer.Block b,
      Map<ByteRange, CompletableFuture<byte[]>> mine) {
    try {
      byte[] block = new byte[b.length()];
      requests.increment();
      reader.read(target, b.offset(), ByteBuffer.wrap(block));
      for (ByteRange p : b.parts()) {
        int from = (int) (p.offset() - b.offset());
        mine.get(p)
            .complete(
                from == 0 && p.length() == block.length
                    ? block
                    : Arrays.copyOfRange(block, from, from + p.length()));
      }
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      b.parts().forEach(p -> fail(mine.get(p), e));
    }
  }

  /**
   * Fails a range's future. The failure travels as a cancellation carrying the real cause: the
   * cache drops failed entries either way, but logs a warning for any other exception, and a failed
   * read is already reported to its caller.
   */
  private static void fail(CompletableFuture<byte[]> f, Throwable cause) {
    CancellationException c = new CancellationException(cause.toString());
    c.initCause(cause);
    f.completeExceptionally(c);
  }

  /**
   * Waits for one range, rethrowing its failure as the {@link IOException} it was ({@link
   * Futures#get}). The future is never cancelled: other readers of the range may share it.
   */
  public static byte[] join(CompletableFuture<byte[]> f) throws IOException {
    return Futures.get(f);
  }

  /** Cache and request counts so far. */
  public BlockCacheStats stats() {
    AsyncCache<ByteRange, byte[]> cache = this.cache;
    if (cache != null) {
      // eviction runs asynchronously on Caffeine's maintenance executor: settle it so the counts
      // are current
      cache.synchronous().cleanUp();
    }
    long evictions = cache == null ? 0 : cache.synchronous().stats().evictionCount();
    long weight =
        cache == null
            ? 0
            : cache
                .synchronous()
                .policy()
                .eviction()
                .map(e -> e.weightedSize().orElse(0L))
                .orElse(0L);
    return new BlockCacheStats(hits.sum(), misses.sum(), evictions, weight, requests.sum());
  }

  @Override
  public void close() {
    pool.shutdownNow();
    AsyncCache<ByteRange, byte[]> cache = this.cache;
    if (cache != null) {
      cache.synchronous().invalidateAll();
    }
  }
}
