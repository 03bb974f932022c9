package io.refzarr.bridge.codec;

/** numcodecs {@code shuffle} (the HDF5 shuffle filter): a byte transpose over the whole chunk. */
final class Shuffle implements Codec {
  private final int elementSize;

  Shuffle(int elementSize) {
    this.elementSize = elementSize;
  }

  @Override
  public byte[] decode(byte[] in, int expected) throws CodecException {
    if (expected >= 0 && in.length != expected) {
      throw CodecException.wrongSize("shuffle", in.length, expected);
    }
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
  public int encodedSize(int decodedSize) {
    return decodedSize;
  }
}
