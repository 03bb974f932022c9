package io.refzarr.lazy;

/**
 * Parquet's {@code DELTA_BINARY_PACKED} integers (refzarr writes its {@code offset} column so, and
 * {@code size} when its dictionary overflows), decoded from bytes already in memory.
 */
final class DeltaPacked {
  private DeltaPacked() {}

  /**
   * Decodes {@code n} values from {@code b[pos..]} into {@code out}; int32 values wrap as the
   * writer's 32-bit arithmetic did.
   *
   * @throws IllegalArgumentException if the bytes are truncated or not a valid header and blocks
   */
  static void decode(byte[] b, int pos, long[] out, int n, boolean int32) {
    int[] at = {pos};
    long blockSize = uvarint(b, at);
    long miniblocks = uvarint(b, at);
    long total = uvarint(b, at);
    long prev = zigzag(uvarint(b, at));
    if (blockSize <= 0
        || blockSize % 128 != 0
        || miniblocks <= 0
        || blockSize % miniblocks != 0
        || (blockSize / miniblocks) % 8 != 0
        || blockSize > (1 << 20)) {
      throw new IllegalArgumentException(
          "bad delta header: block " + blockSize + ", miniblocks " + miniblocks);
    }
    if (total < n) {
      throw new IllegalArgumentException("delta header of " + total + " values, " + n + " needed");
    }
    if (n == 0) {
      return;
    }
    int perMini = (int) (blockSize / miniblocks);
    out[0] = int32 ? (int) prev : prev;
    int i = 1;
    while (i < n) {
      long minDelta = zigzag(uvarint(b, at));
      int widths = at[0];
      if (miniblocks > b.length - widths) {
        throw new IllegalArgumentException("truncated delta block at byte " + widths);
      }
      int p = widths + (int) miniblocks;
      for (int m = 0; m < miniblocks && i < n; m++) {
        int w = b[widths + m] & 0xff;
        if (w > 64) {
          throw new IllegalArgumentException("delta bit width " + w + " at byte " + (widths + m));
        }
        int bytes = perMini / 8 * w;
        long used = ((long) Math.min(perMini, n - i) * w + 7) / 8; // a last miniblock may be short
        if (used > b.length - p) {
          throw new IllegalArgumentException("truncated delta miniblock at byte " + p);
        }
        for (int j = 0; j < perMini && i < n; j++) {
          prev += minDelta + bits(b, p, (long) j * w, w);
          out[i++] = int32 ? (int) prev : prev;
        }
        p += bytes;
      }
      at[0] = p;
    }
  }

  /** {@code w} bits at bit {@code bit} of the bytes from {@code start}, least significant first. */
  private static long bits(byte[] b, int start, long bit, int w) {
    if (w == 0) {
      return 0;
    }
    int i = start + (int) (bit >>> 3);
    int shift = (int) (bit & 7);
    long v = (b[i++] & 0xffL) >>> shift;
    int got = 8 - shift;
    while (got < w) {
      v |= (b[i++] & 0xffL) << got;
      got += 8;
    }
    return w == 64 ? v : v & ((1L << w) - 1);
  }

  private static long uvarint(byte[] b, int[] at) {
    long v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (at[0] >= b.length) {
        throw new IllegalArgumentException("truncated delta varint at byte " + at[0]);
      }
      int x = b[at[0]++];
      v |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("delta varint too long at byte " + at[0]);
  }

  private static long zigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }
}
