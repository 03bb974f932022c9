package io.refzarr.nio;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The bytes of one key, readable at any position: inline data or a (lazily sized) target range. */
interface KeyContent {

  /** The number of bytes. */
  long size() throws IOException;

  /**
   * Reads {@code min(dst.remaining(), size - position)} bytes at {@code position} into {@code dst};
   * reads nothing at or past the end.
   */
  void read(long position, ByteBuffer dst) throws IOException;

  /** Inline bytes. */
  static KeyContent of(byte[] data) {
    return new KeyContent() {
      @Override
      public long size() {
        return data.length;
      }

      @Override
      public void read(long position, ByteBuffer dst) {
        if (position >= data.length) {
          return;
        }
        int n = (int) Math.min(dst.remaining(), data.length - position);
        dst.put(data, (int) position, n);
      }
    };
  }
}
