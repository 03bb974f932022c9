package io.refzarr.source;

/**
 * A snapshot of a file system's block cache and remote reads.
 *
 * @param hits ranges served from the cache (or from a fetch already in flight)
 * @param misses ranges that had to be fetched
 * @param evictions ranges dropped to stay within the weight bound
 * @param cachedBytes bytes now held
 * @param requests requests sent to remote sources by multi-range and cached reads (after
 *     coalescing)
 */
public record BlockCacheStats(
    long hits, long misses, long evictions, long cachedBytes, long requests) {

  /** Hits over all lookups, 0 when there were none. */
  public double hitRate() {
    long total = hits + misses;
    return total == 0 ? 0 : (double) hits / total;
  }
}
