package io.refzarr.nio;

import io.refzarr.refs.ReferenceSet;
import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The keys of a reference set as a {@link ReferenceView} presents them: what the {@code reference}
 * file system lists and reads in place of the set itself. Thread-safe.
 *
 * <p>Errors follow the file system's rules: a key that does not exist is a {@link
 * java.nio.file.NoSuchFileException} (Zarr readers then use the fill value); bytes that exist but
 * cannot be read or decoded are another {@link IOException} naming the key, never wrong bytes.
 */
public interface ViewStore extends Closeable {

  /** Whether {@code key} is a file, a directory ({@code ""} is the root) or absent. */
  ReferenceSet.Kind kind(String key) throws IOException;

  /** The names directly below {@code directory} (empty when it is not one). */
  Stream<String> list(String directory) throws IOException;

  /** The number of bytes of the file {@code key}. */
  long size(String key) throws IOException;

  /** The bytes of the file {@code key}. */
  byte[] read(String key) throws IOException;

  /**
   * The bytes of many keys, in the order given; keys that are not files are left out. The default
   * reads them one by one.
   */
  default Map<String, byte[]> readAll(Collection<String> keys) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String key : keys) {
      if (!out.containsKey(key) && kind(key) == ReferenceSet.Kind.FILE) {
        out.put(key, read(key));
      }
    }
    return out;
  }

  /** Releases caches; the default does nothing. */
  @Override
  default void close() throws IOException {}
}
