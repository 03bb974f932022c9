package io.refzarr.refs;

import java.io.IOException;
import java.nio.file.Path;

/** The JSON output form: collects the set in memory and writes it atomically on close. */
final class JsonOutput implements ReferenceOutput {
  private final Path file;
  private ReferenceSetBuilder builder = ReferenceSets.builder();

  JsonOutput(Path file) {
    this.file = file;
  }

  @Override
  public void put(String key, Reference ref) throws IOException {
    open().put(key, ref);
  }

  @Override
  public void putChunk(String array, long[] index, Reference ref) throws IOException {
    open().putChunk(array, index, ref);
  }

  @Override
  public void close() throws IOException {
    if (builder != null) {
      ReferenceSet set = builder.build();
      builder = null;
      ReferenceSets.writeJson(set, file);
    }
  }

  @Override
  public void abort() {
    builder = null;
  }

  private ReferenceSetBuilder open() {
    if (builder == null) {
      throw new IllegalStateException("the JSON output " + file + " is closed");
    }
    return builder;
  }
}
