package io.refzarr.refs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A storage form of reference sets other than JSON (for example fsspec's Parquet directories,
 * provided by the lazy-mapper module), found with {@link java.util.ServiceLoader}. {@link
 * ReferenceSets#open} asks each installed format in turn whether it {@linkplain #recognizes
 * recognises} a location, and {@link ReferenceSets#sink} whether it {@linkplain #writes writes} an
 * output; a format that writes nothing keeps the defaults.
 */
public interface ReferenceSetFormat {

  /** A short name, such as {@code "parquet"}. */
  String name();

  /** Whether {@code location} looks like a set of this form (cheap: no full read). */
  boolean recognizes(Path location) throws IOException;

  /** Opens the set at {@code location}. */
  ReferenceSet open(Path location, ReadOptions options) throws IOException;

  /**
   * Whether an output at {@code location} is to be written in this form: decided by its name or by
   * what already is there, never by the caller's data (cheap: no full read). The default writes
   * nothing.
   */
  default boolean writes(Path location) throws IOException {
    return false;
  }

  /**
   * A streaming writer of this form into {@code location}, for the outputs this format {@link
   * #writes}.
   *
   * @throws UnsupportedOperationException if this format writes nothing (the default)
   */
  default ReferenceOutput output(Path location, SinkOptions options) throws IOException {
    throw new UnsupportedOperationException(
        "the " + name() + " reference-set format writes nothing");
  }
}
