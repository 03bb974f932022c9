/**
 * Byte sources: where the bytes of references come from, and how they are fetched.
 *
 * <h2>Sources</h2>
 *
 * {@link io.refzarr.source.ByteRangeReader} is the service-provider interface (one reader per URL
 * scheme, created by a {@link io.refzarr.source.ByteRangeReaderProvider} found with {@link
 * java.util.ServiceLoader} or given in the file system's configuration); {@link
 * io.refzarr.source.ByteRangeReaders} is the registry a file system uses, and {@link
 * io.refzarr.source.TargetResolver} turns the target strings of a reference set (URLs, absolute or
 * relative paths, chained URLs, the default target) into URIs. Built in:
 *
 * <ul>
 *   <li>{@code file} and every other installed NIO file-system provider's scheme (jimfs, zipfs,
 *       ...); size and modification time are pinned on first use;
 *   <li>{@code http}/{@code https}: ranged GETs on the JDK {@code HttpClient}, HEAD for sizes,
 *       every reply checked (status, {@code Content-Range}, length), ETag or Last-Modified pinned,
 *       transient failures (timeouts, resets, 5xx, 429, short or mismatched bodies) retried under a
 *       {@link io.refzarr.source.RetryPolicy}, other 4xx never;
 *   <li>{@code tar}/{@code zip}: members of uncompressed tar archives and stored zip members named
 *       by fsspec's chained URLs ({@code tar://dir/m.nc::s3://bucket/a.tar}), located from the
 *       archive's own headers (tar headers; zip central directory, then the member's local header)
 *       and read as a range of the archive through the archive's own source. A compressed zip
 *       member fails with a {@link java.util.zip.ZipException}.
 * </ul>
 *
 * The S3 source is in the {@code refs-s3} module. A target that changes while in use fails with
 * {@link io.refzarr.source.TargetChangedException}.
 *
 * <h2>Reading</h2>
 *
 * {@link io.refzarr.source.RangeReads} is a file system's read engine: many ranges at once,
 * coalesced per target like fsspec's {@code merge_offset_ranges} ({@link
 * io.refzarr.source.ReadSettings}: {@code maxGap}, {@code maxBlock}), fetched with a bounded number
 * of requests in flight, and kept in a weight-bounded Caffeine cache keyed by exact range, shared
 * by all readers of the file system (concurrent misses of one range share one fetch). Local targets
 * bypass merging and the cache. Statistics come as {@link io.refzarr.source.BlockCacheStats}.
 */
package io.refzarr.source;
