package io.refzarr.bridge.codec;

/** One bytes-to-bytes decoding step. Implementations are immutable and thread-safe. */
interface Codec {
  /**
   * Decodes {@code in}.
   *
   * @param expected the decoded length, if known, else -1
   */
  byte[] decode(byte[] in, int expected) throws CodecException;

  /**
   * The size this step's input has when its output has {@code decodedSize} bytes, or -1 if that is
   * not known in advance; lets the steps before it decode straight into buffers of the right size.
   */
  default int encodedSize(int decodedSize) {
    return -1;
  }

  /**
   * Like {@link #decode}, but may decode into {@code scratch} (when it has exactly {@code expected}
   * bytes) and return it, sparing an allocation; the caller owns {@code scratch}.
   */
  default byte[] decodeInto(byte[] in, int expected, byte[] scratch) throws CodecException {
    return decode(in, expected);
  }

  /** The element size of a byte shuffle this step undoes, or 0 if it is not a shuffle. */
  default int shuffleElementSize() {
    return 0;
  }
}
