package io.refzarr.source;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;

/**
 * Reads byte ranges of targets named by URI. Implementations are thread-safe and fill the caller's
 * buffer completely: a short read happens only by exception, never silently.
 */
public interface ByteRangeReader extends Closeable {

  /**
   * Reads {@code dst.remaining()} bytes of {@code target} starting at {@code offset} into {@code
   * dst}.
   *
   * @throws java.io.EOFException if the target ends before the range does
   * @throws java.nio.file.NoSuchFileException if the target does not exist
   * @throws IOException for any other failure
   */
  void read(URI target, long offset, ByteBuffer dst) throws IOException;

  /** The size of {@code target} in bytes. */
  long size(URI target) throws IOException;

  /** Reads {@code length} bytes at {@code offset} into a new buffer (flipped, ready to read). */
  default ByteBuffer read(URI target, long offset, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    read(target, offset, buf);
    return buf.flip();
  }

  /**
   * Whether each read costs a round trip (HTTP, S3, archives on them): the file system then
   * coalesces nearby ranges and keeps fetched ranges in its block cache. Local readers answer
   * {@code false} so their bytes go straight into the caller's buffer.
   */
  default boolean isRemote() {
    return true;
  }

  @Override
  default void close() throws IOException {}
}
