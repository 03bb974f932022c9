package io.refzarr.lazy;

/**
 * Parquet's RLE / bit-packing hybrid (definition levels and dictionary indexes), decoded a run at a
 * time into an {@code int[]}: a record file's levels and indexes are mostly a few long runs (one
 * target, one chunk size, padding at the end), which parquet-java's decoder hands out one value per
 * virtual call. That per-value cost was most of a cold lookup's page decode in a short CLI run.
 */
final class HybridRuns {
  private HybridRuns() {}

  /**
   * Decodes {@code count} values of {@code bitWidth} bits from {@code b[pos..end)} into {@code
   * out}.
   *
   * @throws IllegalArgumentException if the runs end before {@code count} values or are malformed
   */
  static void decode(byte[] b, int pos, int end, int bitWidth, int[] out, int count) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new IllegalArgumentException("bit width " + bitWidth);
    }
    int bytesPerValue = (bitWidth + 7) / 8;
    int n = 0;
    while (n < count) {
      if (pos >= end) {
        throw new IllegalArgumentException("runs end after " + n + " of " + count + " values");
      }
      long header = 0;
      for (int shift = 0; ; shift += 7) {
        if (shift > 35 || pos >= end) {
          throw new IllegalArgumentException("bad run header at byte " + pos);
        }
        int x = b[pos++];
        header |= (long) (x & 0x7f) << shift;
        if (x >= 0) {
          break;
        }
      }
      if ((header & 1) == 0) { // a repeated value
        long len = header >>> 1;
        if (pos + bytesPerValue > end) {
          throw new IllegalArgumentException("truncated run at byte " + pos);
        }
        int v = 0;
        for (int i = 0; i < bytesPerValue; i++) {
          v |= (b[pos++] & 0xff) << (8 * i);
        }
        int to = (int) Math.min(count, n + len);
        java.util.Arrays.fill(out, n, to, v);
        n = to;
      } else { // groups of 8 bit-packed values, least significant bit first
        long values = (header >>> 1) * 8;
        long bytes = (header >>> 1) * bitWidth;
        if (pos + bytes > end) {
          throw new IllegalArgumentException("truncated bit-packed run at byte " + pos);
        }
        int to = (int) Math.min(count, n + values);
        long buffer = 0;
        int bits = 0;
        int mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
        int p = pos;
        for (; n < to; n++) {
          while (bits < bitWidth) {
            buffer |= (long) (b[p++] & 0xff) << bits;
            bits += 8;
          }
          out[n] = (int) buffer & mask;
          buffer >>>= bitWidth;
          bits -= bitWidth;
        }
        pos += (int) bytes;
      }
    }
  }

  /** The bits a value up to {@code max} needs (Parquet's level width). */
  static int bitWidth(int max) {
    return 32 - Integer.numberOfLeadingZeros(max);
  }
}
