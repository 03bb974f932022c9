package io.refzarr.bridge.codec;

/**
 * Decoder of BloscLZ, Blosc's FastLZ-derived LZ77. The stream is a sequence of instructions whose
 * first byte {@code ctrl} says: {@code ctrl < 32} copy {@code ctrl + 1} literal bytes; otherwise a
 * match of {@code (ctrl >> 5) + 2} bytes (top value 7 extended by following bytes until one is not
 * 255) at distance {@code ((ctrl & 31) << 8) + next + 1}, where the pair (31, 255) announces a
 * 16-bit big-endian far distance added to 8191. The first instruction's top three bits are a level
 * marker and are ignored.
 */
final class BloscLz {
  private static final int MAX_DISTANCE = 8191;

  private BloscLz() {}

  /**
   * Decodes {@code in[off, off + len)} into {@code out[outOff, outOff + size)}; returns the length
   * written.
   */
  static int decode(byte[] in, int off, int len, byte[] out, int outOff, int size)
      throws CodecException {
    if (len == 0) {
      return 0;
    }
    int ip = off;
    int end = off + len;
    int op = outOff;
    int limit = outOff + size;
    int ctrl = in[ip++] & 31;
    while (true) {
      if (ctrl < 32) {
        int n = ctrl + 1;
        if (op + n > limit || ip + n > end) {
          throw corrupt();
        }
        System.arraycopy(in, ip, out, op, n);
        ip += n;
        op += n;
      } else {
        int matchLen = (ctrl >>> 5) - 1;
        int high = (ctrl & 31) << 8;
        if (matchLen == 6) {
          int code;
          do {
            if (ip >= end) {
              throw corrupt();
            }
            code = in[ip++] & 0xff;
            matchLen += code;
          } while (code == 255);
        }
        if (ip >= end) {
          throw corrupt();
        }
        int code = in[ip++] & 0xff;
        int distance = high + code;
        if (code == 255 && high == 31 << 8) {
          if (ip + 2 > end) {
            throw corrupt();
          }
          distance = ((in[ip] & 0xff) << 8 | (in[ip + 1] & 0xff)) + MAX_DISTANCE;
          ip += 2;
        }
        int ref = op - distance - 1;
        matchLen += 3;
        if (ref < outOff || op + matchLen > limit) {
          throw corrupt();
        }
        copyMatch(out, ref, op, matchLen);
        op += matchLen;
      }
      if (ip >= end) {
        return op - outOff;
      }
      ctrl = in[ip++] & 0xff;
    }
  }

  // Byte by byte when source and destination overlap: that replicates a run, as LZ77 requires.
  private static void copyMatch(byte[] out, int ref, int op, int len) {
    if (op - ref >= len) {
      System.arraycopy(out, ref, out, op, len);
    } else {
      for (int i = 0; i < len; i++) {
        out[op + i] = out[ref + i];
      }
    }
  }

  private static CodecException corrupt() {
    return new CodecException("blosclz stream is corrupt");
  }
}
