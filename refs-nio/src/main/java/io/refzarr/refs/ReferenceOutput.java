package io.refzarr.refs;

import java.io.IOException;

/**
 * A {@link ReferenceSink} that writes a reference set to a file or directory and appears complete
 * or not at all: {@link #close()} publishes the output (replacing an existing one only then),
 * {@link #abort()} discards it when the producer failed. Made by {@link ReferenceSets#sink}; {@link
 * ReferenceSets#write( java.nio.file.Path, SinkOptions, ReferenceSets.Producer)} does the
 * close-or-abort for you. Not thread-safe.
 */
public interface ReferenceOutput extends ReferenceSink {

  /** Finishes the output and moves it into place. */
  @Override
  void close() throws IOException;

  /** Discards everything put so far; whatever was at the output is left as it was. */
  void abort() throws IOException;
}
