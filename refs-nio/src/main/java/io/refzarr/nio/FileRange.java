package io.refzarr.nio;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Bytes of a key that lie in a local file: {@code length} bytes of {@code file} from {@code
 * offset}. Lets a reader copy them file to file in the kernel ({@link
 * java.nio.channels.FileChannel#transferFrom}) instead of through the JVM's heap; see {@link
 * ReferenceFileSystems#fileRange}.
 *
 * @param file the local file (absolute)
 * @param offset where the bytes start
 * @param length how many bytes
 */
public record FileRange(Path file, long offset, long length) {
  public FileRange {
    Objects.requireNonNull(file, "file");
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
    }
  }
}
