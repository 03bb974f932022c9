package io.refzarr.lazy;

/**
 * A snapshot of a lazy set's page cache.
 *
 * @param hits lookups served from the cache
 * @param misses lookups that had to load (or wait for a load already running)
 * @param loads pages decoded from record files
 * @param evictions pages dropped to stay under the byte bound
 * @param cachedBytes estimated heap held by cached pages now
 */
public record CacheMetrics(long hits, long misses, long loads, long evictions, long cachedBytes) {}
