package io.refzarr.bridge.codec;

import java.util.zip.CRC32C;

/**
 * Zarr v3 {@code crc32c}: the data followed by its CRC-32C, little-endian. Verified, then stripped.
 */
final class Crc32c implements Codec {
  static final Crc32c INSTANCE = new Crc32c();

  @Override
  public byte[] decode(byte[] in, OutputSize size) throws CodecException {
    if (in.length < 4) {
      throw new CodecException("crc32c input is shorter than its checksum");
    }
    int n = in.length - 4;
    size.checkOutput("crc32c", n);
    CRC32C crc = new CRC32C();
    crc.update(in, 0, n);
    if ((int) crc.getValue() != Bytes.int32le(in, n)) {
      throw new CodecException("crc32c checksum mismatch");
    }
    return java.util.Arrays.copyOf(in, n);
  }

  @Override
  public OutputSize encodedSize(OutputSize decoded) {
    return decoded.plus(4);
  }
}
