package io.refzarr.bridge.codec;

import java.nio.ByteBuffer;

/**
 * numcodecs {@code delta}: differences stored as {@code astype}; decoding is a running sum in
 * {@code dtype}.
 */
final class Delta implements Codec {
  private final NumType dtype;
  private final NumType astype;

  Delta(NumType dtype, NumType astype) {
    this.dtype = dtype;
    this.astype = astype;
  }

  @Override
  public byte[] decode(byte[] in, OutputSize size) throws CodecException {
    if (in.length % astype.size() != 0) {
      throw new CodecException(
          "delta input of " + in.length + " bytes is not whole " + astype.size() + "-byte items");
    }
    int n = in.length / astype.size();
    size.checkOutput("delta", (long) n * dtype.size());
    byte[] out = new byte[n * dtype.size()];
    ByteBuffer src = astype.wrap(in);
    ByteBuffer dst = dtype.wrap(out);
    if (dtype.isFloat()) {
      double acc = 0;
      for (int i = 0; i < n; i++) {
        acc = roundToType(acc + astype.getDouble(src, i));
        dtype.putDouble(dst, i, acc);
      }
    } else {
      long acc = 0;
      for (int i = 0; i < n; i++) {
        acc += astype.isFloat() ? (long) astype.getDouble(src, i) : astype.getLong(src, i);
        dtype.putLong(dst, i, acc);
      }
    }
    return out;
  }

  private double roundToType(double v) {
    return dtype.size() == 4 ? (float) v : v;
  }

  @Override
  public OutputSize encodedSize(OutputSize decoded) {
    return decoded.items(astype.size(), dtype.size());
  }
}
