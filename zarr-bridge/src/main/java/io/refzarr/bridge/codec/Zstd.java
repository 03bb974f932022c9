package io.refzarr.bridge.codec;

import io.airlift.compress.zstd.ZstdDecompressor;

/**
 * Zstandard frames (numcodecs {@code zstd}, Zarr v3 {@code zstd}, Blosc's internal zstd), pure
 * Java.
 */
final class Zstd implements Codec {
  static final Zstd INSTANCE = new Zstd();

  @Override
  public byte[] decode(byte[] in, OutputSize size) throws CodecException {
    return decode(in, 0, in.length, size);
  }

  static byte[] decode(byte[] in, int off, int len, OutputSize size) throws CodecException {
    long declared = declaredSize(in, off, len);
    if (declared >= 0) {
      size.checkClaim("zstd", "frame header", declared);
    } else if (!size.exact()) {
      throw new CodecException("zstd frame does not declare its size and none is known");
    }
    byte[] out = new byte[declared >= 0 ? (int) declared : size.bytes()];
    int n = decompress(in, off, len, out);
    if (n != out.length) {
      throw CodecException.wrongSize("zstd", n, out.length);
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
      throw new CodecException(
          "zstd stream is corrupt or decodes to more than "
              + out.length
              + " bytes: "
              + e.getMessage(),
          e);
    }
  }
}
