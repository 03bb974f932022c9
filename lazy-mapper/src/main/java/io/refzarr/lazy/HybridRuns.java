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
    window(b, pos, end, bitWidth, 0, out, count, -1);
  }

  /**
   * Skips {@code skip} values, then decodes {@code count} into {@code out}; repeated runs are
   * skipped whole, so a window deep into a long page costs little more than one at its start.
   *
   * @param counted the (non-negative) value whose skipped occurrences are counted, or -1 to count
   *     none, which lets whole bit-packed groups be jumped over
   * @return how many of the skipped values equal {@code counted}
   * @throws IllegalArgumentException if the runs end before {@code skip + count} values or are
   *     malformed
   */
  static int window(
      byte[] b, int pos, int end, int bitWidth, int skip, int[] out, int count, int counted) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new IllegalArgumentException("bit width " + bitWidth);
    }
    int seen = 0;
    int left = skip; // values still to skip
    int bytesPerValue = (bitWidth + 7) / 8;
    while (left > 0) {
      if (pos >= end) {
        throw new IllegalArgumentException("runs end after " + (skip - left) + " of " + skip);
      }
      long h = runHeader(b, pos, end);
      pos += (int) (h & 7);
      long header = h >>> 3;
      if ((header & 1) == 0) {
        long len = header >>> 1;
        int v = repeatedValue(b, pos, end, bytesPerValue);
        pos += bytesPerValue;
        int n = (int) Math.min(left, len);
        seen += v == counted ? n : 0;
        left -= n;
        if (len > n) { // the run goes on into the window
          int to = (int) Math.min(count, len - n);
          java.util.Arrays.fill(out, 0, to, v);
          decodeRest(b, pos, end, bitWidth, out, to, count);
          return seen;
        }
      } else {
        long values = (header >>> 1) * 8;
        long bytes = (header >>> 1) * bitWidth;
        if (pos + bytes > end) {
          throw new IllegalArgumentException("truncated bit-packed run at byte " + pos);
        }
        if (values <= left && (counted < 0 || bitWidth == 1)) { // skipped whole, without decoding
          if (bitWidth == 1 && counted >= 0 && counted <= 1) {
            int ones = 0;
            for (int i = 0; i < bytes; i++) {
              ones += Integer.bitCount(b[pos + i] & 0xff);
            }
            seen += counted == 1 ? ones : (int) values - ones;
          }
          pos += (int) bytes;
          left -= (int) values;
          continue;
        }
        int mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
        long buffer = 0;
        int bits = 0;
        int p = pos;
        int k = 0;
        int to = (int) Math.min(values, (long) left + count);
        for (; k < to; k++) {
          while (bits < bitWidth) {
            buffer |= (long) (b[p++] & 0xff) << bits;
            bits += 8;
          }
          int v = (int) buffer & mask;
          buffer >>>= bitWidth;
          bits -= bitWidth;
          if (k < left) {
            seen += v == counted ? 1 : 0;
          } else {
            out[k - left] = v;
          }
        }
        pos += (int) bytes;
        if (values > left) { // the group goes on into the window
          int filled = to - left;
          decodeRest(b, pos, end, bitWidth, out, filled, count);
          return seen;
        }
        left -= (int) values;
      }
    }
    decodeRest(b, pos, end, bitWidth, out, 0, count);
    return seen;
  }

  /** Decodes values {@code n ..} of {@code out} up to {@code count} from the run at {@code pos}. */
  private static void decodeRest(
      byte[] b, int pos, int end, int bitWidth, int[] out, int n, int count) {
    int bytesPerValue = (bitWidth + 7) / 8;
    while (n < count) {
      if (pos >= end) {
        throw new IllegalArgumentException("runs end after " + n + " of " + count + " values");
      }
      long h = runHeader(b, pos, end);
      pos += (int) (h & 7);
      long header = h >>> 3;
      if ((header & 1) == 0) { // a repeated value
        long len = header >>> 1;
        int v = repeatedValue(b, pos, end, bytesPerValue);
        pos += bytesPerValue;
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

  /**
   * The ULEB128 header of the run at {@code pos}, shifted left by 3, with the number of bytes it
   * takes in the low 3 bits.
   */
  private static long runHeader(byte[] b, int pos, int end) {
    long header = 0;
    for (int i = 0; ; i++) {
      if (i > 5 || pos + i >= end) {
        throw new IllegalArgumentException("bad run header at byte " + (pos + i));
      }
      int x = b[pos + i];
      header |= (long) (x & 0x7f) << (7 * i);
      if (x >= 0) {
        return header << 3 | (i + 1);
      }
    }
  }

  /** The value of a repeated run: {@code bytesPerValue} little-endian bytes at {@code pos}. */
  private static int repeatedValue(byte[] b, int pos, int end, int bytesPerValue) {
    if (pos + bytesPerValue > end) {
      throw new IllegalArgumentException("truncated run at byte " + pos);
    }
    int v = 0;
    for (int i = 0; i < bytesPerValue; i++) {
      v |= (b[pos + i] & 0xff) << (8 * i);
    }
    return v;
  }

  /** The bits a value up to {@code max} needs (Parquet's level width). */
  static int bitWidth(int max) {
    return 32 - Integer.numberOfLeadingZeros(max);
  }
}
