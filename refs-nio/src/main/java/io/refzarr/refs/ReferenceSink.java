package io.refzarr.refs;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where generators (scanners, the combiner) put references as they make them: an in-memory builder, or a
 * streaming writer (Parquet) that never holds the whole set. Keys may arrive in any order; a later put of
 * the same key wins. {@link #close()} finishes the output.
 */
public interface ReferenceSink extends Closeable {

  /** Adds (or replaces) one reference. */
  void put(String key, Reference ref) throws IOException;
}
