package io.refzarr.bridge.codec;

import io.airlift.compress.zstd.ZstdDecompressor;

/**
 * Zstandard frames (numcodecs {@code zstd}, Zarr v3 {@code zstd}, Blosc's internal zstd), pure
 * Java.
 */
final class Zstd implements Codec {
  static final Zstd INSTANCE = new Zstd();
  private static final int MAX_UNKNOWN = 1 << 30;

  @Override
  public byte[] decode(byte[] in, int expected) throws CodecException {
    return decode(in, 0, in.length, expected);
  }

  static byte[] decode(byte[] in, int off, int len, int expected) throws CodecException {
    long declared = declaredSize(in, off, len);
    if (expected >= 0 && declared >= 0 && declared != expected) {
      throw CodecException.wrongSize("zstd", declared, expected);
    }
    int size = expected >= 0 ? expected : (int) Math.min(declared, MAX_UNKNOWN);
    if (size < 0) {
      throw new CodecException("zstd frame does not declare its size and none is known");
    }
    byte[] out = new byte[size];
    int n = decompress(in, off, len, out);
    if (n != size) {
      throw CodecException.wrongSize("zstd", n, size);
    }
    return out;
  }

  private static long declaredSize(byte[] in, int off, int len) throws CodecException {
    try {
      return ZstdDecompressor.getDecompressedSize(in, off, len);
    } catch (RuntimeException e) {
      // aircompressor reports bad input with several unchecked types
      throw new CodecException("zstd frame header is corrupt: " + e.getMessage(), e);
    }
  }

  static int decompress(byte[] in, int off, int len, byte[] out) throws CodecException {
    try {
      return new ZstdDecompressor().decompress(in, off, len, out, 0, out.length);
    } catch (RuntimeException e) {
      // aircompressor reports bad input with several unchecked types
      throw new CodecException("zstd stream is corrupt: " + e.getMessage(), e);
    }
  }
}
