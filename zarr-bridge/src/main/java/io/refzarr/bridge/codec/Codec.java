package io.refzarr.bridge.codec;


/** One bytes-to-bytes decoding step. Implementations are immutable and thread-safe. */
interface Codec {
  /**
   * Decodes {@code in}.
   *
   * @param expected the decoded length if this is the last step of the pipeline, else -1
   */
  byte[] decode(byte[] in, int expected) throws CodecException;
}
