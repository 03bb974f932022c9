package io.refzarr.bridge.codec;

/** One bytes-to-bytes decoding step. Implementations are immutable and thread-safe. */
interface Codec {
  /**
   * Decodes {@code in}.
   *
   * @param size the size the output must have, or its bound: no size {@code in} claims beyond it is
   *     allocated, and no output beyond it is returned
   * @throws CodecException for a corrupt input or one that decodes to more than {@code size}
   */
  byte[] decode(byte[] in, OutputSize size) throws CodecException;

  /**
   * The size this step's input has, or its bound, when its output has {@code decoded}; lets the
   * steps before it know what they may produce. By default a compressor's: a bound.
   */
  default OutputSize encodedSize(OutputSize decoded) {
    return decoded.compressed();
  }

  /**
   * Like {@link #decode}, but may decode into {@code scratch} (when {@code size} is exact and
   * {@code scratch} has that many bytes) and return it, sparing an allocation; the caller owns
   * {@code scratch}.
   */
  default byte[] decodeInto(byte[] in, OutputSize size, byte[] scratch) throws CodecException {
    return decode(in, size);
  }

  /** The element size of a byte shuffle this step undoes, or 0 if it is not a shuffle. */
  default int shuffleElementSize() {
    return 0;
  }
}
