package io.refzarr.bridge.codec;

/**
 * Byte and bit un-transposes (numcodecs {@code shuffle}, Blosc's shuffle and bitshuffle, HDF5's
 * shuffle filter). Byte shuffle stores byte {@code j} of every element together; bitshuffle stores
 * bit {@code b} of every element together, elements in groups of eight.
 */
final class Shuffles {
  private Shuffles() {}

  /** Undoes a byte shuffle of {@code len} bytes at {@code src[off]} into {@code dst[dstOff]}. */
  static void unshuffle(int typesize, byte[] src, int off, int len, byte[] dst, int dstOff) {
    int n = len / typesize;
    if (typesize == 4) {
      unshuffle4(n, src, off, dst, dstOff);
    } else {
      for (int j = 0; j < typesize; j++) {
        int s = off + j * n;
        for (int i = 0, d = dstOff + j; i < n; i++, d += typesize) {
          dst[d] = src[s + i];
        }
      }
    }
    int done = n * typesize;
    System.arraycopy(src, off + done, dst, dstOff + done, len - done);
  }

  // The common float32/int32 case, unrolled: four sequential input streams, one sequential output.
  private static void unshuffle4(int n, byte[] src, int off, byte[] dst, int d) {
    int s1 = off + n;
    int s2 = s1 + n;
    int s3 = s2 + n;
    for (int i = 0; i < n; i++, d += 4) {
      dst[d] = src[off + i];
      dst[d + 1] = src[s1 + i];
      dst[d + 2] = src[s2 + i];
      dst[d + 3] = src[s3 + i];
    }
  }

  /**
   * Undoes Blosc's bitshuffle of a block: the first {@code n - n % 8} elements are bit-transposed,
   * the bytes after them are stored as they are.
   */
  static void bitunshuffle(int typesize, byte[] src, int off, int len, byte[] dst, int dstOff) {
    int n = (len / typesize) & ~7;
    int bits = typesize * 8;
    java.util.Arrays.fill(dst, dstOff, dstOff + n * typesize, (byte) 0);
    int rowBytes = n / 8;
    for (int b = 0; b < bits; b++) {
      int row = off + b * rowBytes;
      int byteInElem = b >>> 3;
      int bitMask = 1 << (b & 7);
      for (int i = 0; i < n; i++) {
        if ((src[row + (i >>> 3)] >>> (i & 7) & 1) != 0) {
          int d = dstOff + i * typesize + byteInElem;
          dst[d] = (byte) (dst[d] | bitMask);
        }
      }
    }
    int done = n * typesize;
    System.arraycopy(src, off + done, dst, dstOff + done, len - done);
  }
}
