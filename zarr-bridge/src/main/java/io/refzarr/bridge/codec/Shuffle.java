package io.refzarr.bridge.codec;

/** numcodecs {@code shuffle} (the HDF5 shuffle filter): a byte transpose over the whole chunk. */
final class Shuffle implements Codec {
  private final int elementSize;

  Shuffle(int elementSize) {
    this.elementSize = elementSize;
  }

  @Override
  public byte[] decode(byte[] in, OutputSize size) throws CodecException {
    size.checkOutput("shuffle", in.length);
    if (elementSize <= 1) {
      return in;
    }
    byte[] out = new byte[in.length];
    Shuffles.unshuffle(elementSize, in, 0, in.length, out, 0);
    return out;
  }

  @Override
  public int shuffleElementSize() {
    return elementSize;
  }

  @Override
  public OutputSize encodedSize(OutputSize decoded) {
    return decoded;
  }
}
