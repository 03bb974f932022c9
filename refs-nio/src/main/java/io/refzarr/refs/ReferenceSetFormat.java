package io.refzarr.refs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A storage form of reference sets other than JSON (for example fsspec's Parquet directories, provided by
 * the lazy-mapper module), found with {@link java.util.ServiceLoader}. {@link ReferenceSets#open} asks each
 * installed format in turn.
 */
public interface ReferenceSetFormat {

  /** A short name, such as {@code "parquet"}. */
  String name();

  /** Whether {@code location} looks like a set of this form (cheap: no full read). */
  boolean recognizes(Path location) throws IOException;

  /** Opens the set at {@code location}. */
  ReferenceSet open(Path location, ReadOptions options) throws IOException;
}
