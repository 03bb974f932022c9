package io.refzarr.bridge.codec;

/** Little-endian integer access to byte arrays. */
final class Bytes {
  private Bytes() {}

  static int int32le(byte[] b, int off) {
    return (b[off] & 0xff)
        | (b[off + 1] & 0xff) << 8
        | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }

  /** An unsigned little-endian int32 that must fit the buffer; -1 if negative or past the end. */
  static int length32le(byte[] b, int off) {
    if (off < 0 || off > b.length - 4) { // not off + 4: an offset read from the input may overflow
      return -1;
    }
    return int32le(b, off);
  }
}
