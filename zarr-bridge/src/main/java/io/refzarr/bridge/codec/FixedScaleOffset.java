package io.refzarr.bridge.codec;

import java.nio.ByteBuffer;

/**
 * numcodecs {@code fixedscaleoffset}: stored {@code round((x - offset) * scale)} as {@code astype}.
 */
final class FixedScaleOffset implements Codec {
  private final double offset;
  private final double scale;
  private final NumType dtype;
  private final NumType astype;

  FixedScaleOffset(double offset, double scale, NumType dtype, NumType astype) {
    this.offset = offset;
    this.scale = scale;
    this.dtype = dtype;
    this.astype = astype;
  }

  @Override
  public byte[] decode(byte[] in, OutputSize size) throws CodecException {
    if (in.length % astype.size() != 0) {
      throw new CodecException(
          "fixedscaleoffset input is not whole " + astype.size() + "-byte items");
    }
    int n = in.length / astype.size();
    size.checkOutput("fixedscaleoffset", (long) n * dtype.size());
    byte[] out = new byte[n * dtype.size()];
    ByteBuffer src = astype.wrap(in);
    ByteBuffer dst = dtype.wrap(out);
    for (int i = 0; i < n; i++) {
      dtype.putDouble(dst, i, astype.getDouble(src, i) / scale + offset);
    }
    return out;
  }

  @Override
  public OutputSize encodedSize(OutputSize decoded) {
    return decoded.items(astype.size(), dtype.size());
  }
}
