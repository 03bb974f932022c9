package io.refzarr.lazy;

import io.refzarr.refs.ReferenceSet;

/**
 * A reference set read lazily from a Parquet directory: opening reads only {@code .zmetadata}; a
 * key's reference is found by chunk-index arithmetic and read from one page of one record file,
 * cached by bytes.
 */
public interface LazyReferenceSet extends ReferenceSet {

  /** The number of references per record file. */
  int recordSize();

  /** The page cache's counters. */
  CacheMetrics cacheMetrics();
}
