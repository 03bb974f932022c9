package io.refzarr.bridge.codec;

import io.airlift.compress.lz4.Lz4Decompressor;

/** numcodecs {@code lz4}: a 4-byte little-endian decoded size, then one LZ4 block. */
final class Lz4 implements Codec {
  static final Lz4 INSTANCE = new Lz4();
  // An LZ4 block expands at most about 255 times (each length-extension byte adds 255 bytes of
  // match).
  private static final long MAX_RATIO = 256;

  @Override
  public byte[] decode(byte[] in, OutputSize bound) throws CodecException {
    int size = Bytes.length32le(in, 0);
    if (size < 0) {
      throw new CodecException("lz4 size prefix is missing or negative");
    }
    bound.checkClaim("lz4", "size prefix", size);
    if (size > MAX_RATIO * (in.length - 4L) + 64) {
      throw new CodecException(
          "lz4 size prefix claims "
              + size
              + " bytes, more than a "
              + (in.length - 4)
              + "-byte block can decode to");
    }
    byte[] out = new byte[size];
    int n = block(in, 4, in.length - 4, out, 0, size);
    if (n != size) {
      throw CodecException.wrongSize("lz4", n, size);
    }
    return out;
  }

  /**
   * Decodes one raw LZ4 block into {@code out[outOff, outOff + max)}; returns the decoded length.
   */
  static int block(byte[] in, int off, int len, byte[] out, int outOff, int max)
      throws CodecException {
    try {
      return new Lz4Decompressor().decompress(in, off, len, out, outOff, max);
    } catch (RuntimeException e) {
      // aircompressor reports bad input with several unchecked types
      throw new CodecException("lz4 block is corrupt: " + e.getMessage(), e);
    }
  }
}
