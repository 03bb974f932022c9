package io.refzarr.source;

/**
 * How a file system reads remote targets.
 *
 * @param maxGap ranges of one target at most this many bytes apart are fetched in one request
 *     (fsspec's {@code max_gap}; negative disables merging)
 * @param maxBlock the largest merged request, in bytes (fsspec's {@code max_block})
 * @param maxConcurrentRequests the most requests in flight at once for the multi-key reads of one
 *     file system (the size of its read pool; single reads run on the caller's thread)
 * @param cacheBytes the weight bound of the block cache shared by all readers of the file system (0
 *     disables it)
 */
public record ReadSettings(long maxGap, long maxBlock, int maxConcurrentRequests, long cacheBytes) {

  /** fsspec's defaults (64 kB gap, 256 MB block), 32 requests in flight, a 64 MiB cache. */
  public static final ReadSettings DEFAULT = new ReadSettings(64_000, 256_000_000, 32, 64L << 20);

  public ReadSettings {
    if (maxBlock < 1) {
      throw new IllegalArgumentException("maxBlock must be >= 1: " + maxBlock);
    }
    if (maxConcurrentRequests < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentRequests must be >= 1: " + maxConcurrentRequests);
    }
    if (cacheBytes < 0) {
      throw new IllegalArgumentException("cacheBytes must be >= 0: " + cacheBytes);
    }
  }

  /**
   * The largest single reference kept in the cache: bigger ones are read straight into the caller's
   * buffer.
   */
  long maxCachedRange() {
    return Math.min(cacheBytes / 4, Integer.MAX_VALUE - 16);
  }
}
