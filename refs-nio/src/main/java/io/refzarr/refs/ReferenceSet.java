package io.refzarr.refs;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A read-only view of a reference set: Zarr store keys ({@code "temp/.zarray"}, {@code
 * "temp/0.0.1"}) and where their bytes live. Directories are implied by key prefixes: {@code
 * "temp"} is a directory because {@code "temp/.zarray"} is a key.
 *
 * <p>Implementations are immutable and safe for concurrent use. Lookups may do I/O (a lazy Parquet
 * set loads a record file on first use), hence the checked exceptions.
 */
public interface ReferenceSet extends Closeable {

  /** What a key names. */
  enum Kind {
    /** A key with a reference. */
    FILE,
    /** A prefix of other keys. */
    DIRECTORY,
    /** Neither. */
    ABSENT
  }

  /** The reference of {@code key}, or empty if the set has no such key. */
  Optional<Reference> get(String key) throws IOException;

  /** Whether {@code key} is a key, a directory prefix ({@code ""} is the root), or neither. */
  Kind kind(String key) throws IOException;

  /**
   * The names (not full keys) of the keys and directories directly below {@code directory}; {@code
   * ""} is the root. Empty when {@code directory} is not a directory.
   *
   * <p>A lazy set reads as the stream is consumed: an I/O error or invalid record found then is
   * thrown from the stream's operations as an {@link java.io.UncheckedIOException} whose cause is
   * the {@link IOException} (often an {@link InvalidReferenceSetException} naming the file and
   * key). The file system turns it into a {@link java.nio.file.DirectoryIteratorException}.
   */
  Stream<String> list(String directory) throws IOException;

  /**
   * Every key of the set: metadata and other keys first, then chunk keys array by array. Like
   * {@link #list}, the stream of a lazy set may throw {@link java.io.UncheckedIOException} while
   * consumed.
   */
  Stream<String> keys() throws IOException;

  /**
   * Every key with its reference, in the order of {@link #keys}: what writers and copies walk. The
   * default looks each key up; sets that hold chunks by index override it to skip the lookup. Like
   * {@link #keys}, the stream may throw {@link java.io.UncheckedIOException} while consumed.
   */
  default Stream<Map.Entry<String, Reference>> entries() throws IOException {
    return keys().map(this::entry);
  }

  private Map.Entry<String, Reference> entry(String key) {
    try {
      return Map.entry(
          key, get(key).orElseThrow(() -> new IOException("key vanished while listed: " + key)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The number of keys. */
  long size() throws IOException;

  /** Releases resources (record caches, open files); the default does nothing. */
  @Override
  default void close() throws IOException {}
}
