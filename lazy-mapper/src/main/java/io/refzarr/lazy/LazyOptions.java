package io.refzarr.lazy;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Options for reading a Parquet reference set lazily.
 *
 * @param maxCachedBytes the most heap (estimated) that decoded record pages may hold; least-recently used
 *     pages are dropped beyond it
 * @param maxCachedFiles the most record-file footers kept (each a few kilobytes)
 * @param executor where record pages are loaded; concurrent misses on one page share a single load
 */
public record LazyOptions(long maxCachedBytes, int maxCachedFiles, Executor executor) {

  /** 256 MiB of decoded pages, 1,024 footers, the common fork-join pool. */
  public static final LazyOptions DEFAULT = new LazyOptions(256L << 20, 1024, ForkJoinPool.commonPool());

  public LazyOptions {
    if (maxCachedBytes < 0) {
      throw new IllegalArgumentException("maxCachedBytes must be >= 0: " + maxCachedBytes);
    }
    if (maxCachedFiles < 0) {
      throw new IllegalArgumentException("maxCachedFiles must be >= 0: " + maxCachedFiles);
    }
    Objects.requireNonNull(executor, "executor");
  }

  /** A copy with another byte bound. */
  public LazyOptions withMaxCachedBytes(long bytes) {
    return new LazyOptions(bytes, maxCachedFiles, executor);
  }

  /** A copy with another bound on cached footers. */
  public LazyOptions withMaxCachedFiles(int files) {
    return new LazyOptions(maxCachedBytes, files, executor);
  }

  /** A copy loading on another executor. */
  public LazyOptions withExecutor(Executor exec) {
    return new LazyOptions(maxCachedBytes, maxCachedFiles, exec);
  }
}
