package io.refzarr.bridge.codec;

import java.util.zip.CRC32;

/** gzip (RFC 1952, one member): header, raw deflate, then CRC-32 and size, both verified. */
final class Gzip implements Codec {
  static final Gzip INSTANCE = new Gzip();
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xe0;

  @Override
  public byte[] decode(byte[] in, OutputSize size) throws CodecException {
    int pos = headerLength(in);
    if (in.length < pos + 8) {
      throw new CodecException("gzip stream is truncated");
    }
    int tail = in.length - 8;
    // ISIZE is the size modulo 2^32, which for a Java array is the size itself: a stream claiming
    // more than the chunk holds fails before it is inflated.
    size.checkClaim("gzip", "trailer", Bytes.int32le(in, tail + 4) & 0xffffffffL);
    byte[] out = Zlib.inflate("gzip", Zlib.raw(), in, pos, tail - pos, size, "its trailer");
    CRC32 crc = new CRC32();
    crc.update(out);
    if ((int) crc.getValue() != Bytes.int32le(in, tail)
        || out.length != Bytes.int32le(in, tail + 4)) {
      throw new CodecException("gzip checksum or size mismatch");
    }
    return out;
  }

  private static int headerLength(byte[] in) throws CodecException {
    if (in.length < 18 || (in[0] & 0xff) != 0x1f || (in[1] & 0xff) != 0x8b || in[2] != 8) {
      throw new CodecException("not a gzip stream");
    }
    int flags = in[3] & 0xff;
    if ((flags & RESERVED) != 0) {
      throw new CodecException("gzip header has reserved flag bits set: " + flags);
    }
    int pos = 10;
    if ((flags & FEXTRA) != 0) {
      pos += 2 + ((in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8);
    }
    if ((flags & FNAME) != 0) {
      pos = skipZeroTerminated(in, pos);
    }
    if ((flags & FCOMMENT) != 0) {
      pos = skipZeroTerminated(in, pos);
    }
    return (flags & FHCRC) != 0 ? checkHeaderCrc(in, pos) : pos;
  }

  /**
   * The header's own CRC-16 (the low half of the CRC-32 of the bytes before it), which
   * java.util.zip checks too (a header that only it refused was found by fuzzing).
   */
  private static int checkHeaderCrc(byte[] in, int pos) throws CodecException {
    if (pos + 2 > in.length) {
      throw new CodecException("gzip header is truncated");
    }
    CRC32 crc = new CRC32();
    crc.update(in, 0, pos);
    if (((int) crc.getValue() & 0xffff) != ((in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8)) {
      throw new CodecException("gzip header checksum mismatch");
    }
    return pos + 2;
  }

  private static int skipZeroTerminated(byte[] in, int pos) throws CodecException {
    while (pos < in.length && in[pos] != 0) {
      pos++;
    }
    if (pos >= in.length) {
      throw new CodecException("gzip header is truncated");
    }
    return pos + 1;
  }
}
