package io.refzarr.source;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads an archive's headers through its container's reader, a window at a time so that walking
 * many small tar headers costs few requests. Not thread-safe: one index build uses one instance.
 */
final class ContainerBytes {
  private static final int WINDOW = 64 * 1024;

  private final ByteRangeReader reader;
  private final URI uri;
  private final long size;
  private long windowStart = -1;
  private ByteBuffer window;

  ContainerBytes(ByteRangeReader reader, URI uri) throws IOException {
    this.reader = reader;
    this.uri = uri;
    this.size = reader.size(uri);
  }

  long size() {
    return size;
  }

  URI uri() {
    return uri;
  }

  /**
   * {@code length} bytes at {@code pos}, little-endian, read through a cached window when small.
   */
  ByteBuffer bytes(long pos, int length) throws IOException {
    if (pos < 0 || pos + length > size) {
      throw new EOFException(
          "archive "
              + uri
              + " is "
              + size
              + " bytes long; cannot read ["
              + pos
              + ", "
              + (pos + length)
              + ")");
    }
    if (length > WINDOW) {
      return reader.read(uri, pos, length).order(ByteOrder.LITTLE_ENDIAN);
    }
    if (window == null || pos < windowStart || pos + length > windowStart + window.limit()) {
      windowStart = pos;
      window = reader.read(uri, pos, (int) Math.min(WINDOW, size - pos));
    }
    return window.slice((int) (pos - windowStart), length).order(ByteOrder.LITTLE_ENDIAN);
  }
}
