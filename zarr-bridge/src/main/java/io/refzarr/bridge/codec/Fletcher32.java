package io.refzarr.bridge.codec;

/**
 * numcodecs {@code fletcher32} (HDF5's Fletcher-32): the data followed by a 4-byte little-endian
 * checksum over its big-endian 16-bit words. Verified, then stripped.
 */
final class Fletcher32 implements Codec {
  static final Fletcher32 INSTANCE = new Fletcher32();

  @Override
  public byte[] decode(byte[] in, OutputSize size) throws CodecException {
    if (in.length < 4) {
      throw new CodecException("fletcher32 input is shorter than its checksum");
    }
    int n = in.length - 4;
    size.checkOutput("fletcher32", n);
    int stored = Bytes.int32le(in, n);
    int actual = checksum(in, n);
    if (stored != actual) {
      throw new CodecException(
          String.format(
              "fletcher32 checksum mismatch: stored %08x, computed %08x", stored, actual));
    }
    return java.util.Arrays.copyOf(in, n);
  }

  /** HDF5's Fletcher-32 over {@code data[0, len)}: sums reduced every 360 words, as HDF5 does. */
  static int checksum(byte[] data, int len) {
    long sum1 = 0;
    long sum2 = 0;
    int words = len / 2;
    int i = 0;
    while (words > 0) {
      int block = Math.min(words, 360);
      words -= block;
      for (int k = 0; k < block; k++, i += 2) {
        sum1 += (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
        sum2 += sum1;
      }
      sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
      sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
    }
    if ((len & 1) != 0) {
      sum1 += (data[len - 1] & 0xff) << 8;
      sum2 += sum1;
      sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
      sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
    }
    sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
    sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
    return (int) (sum2 << 16 | sum1);
  }

  @Override
  public OutputSize encodedSize(OutputSize decoded) {
    return decoded.plus(4);
  }
}
