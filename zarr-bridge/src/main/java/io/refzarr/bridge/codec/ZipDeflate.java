package io.refzarr.bridge.codec;

import java.util.zip.CRC32;

/**
 * kerchunk's {@code deflate} codec ({@code {"id": "deflate"}}, no parameters): a zip member's local
 * file header followed by its raw-deflate data, the range {@code dereference} writes for a deflated
 * member. The header is parsed for real (signature, method, flags, name and extra lengths, zip64
 * sizes); the deflate stream must end exactly at the end of the input; the CRC-32 and sizes of the
 * header are checked unless the member keeps them in a data descriptor after its data
 * (general-purpose flag bit 3), which the range does not hold. Claimed sizes are checked before
 * anything of that size is allocated, and with no size known the output is bounded as Blosc's is.
 */
final class ZipDeflate implements Codec {
  static final ZipDeflate INSTANCE = new ZipDeflate();

  private static final int LOCAL = 0x04034b50;
  private static final int HEADER = 30;
  private static final int ENCRYPTED = 1;
  private static final int DESCRIPTOR = 8;
  private static final long MAX32 = 0xffffffffL;

  /** What the local header says. */
  private record Header(int dataStart, boolean sized, int crc, long compressed, long size) {}

  @Override
  public byte[] decode(byte[] in, int expected) throws CodecException {
    Header h = header(in);
    int len = in.length - h.dataStart();
    if (h.sized() && h.compressed() != len) {
      throw new CodecException(
          "deflate: the zip local header claims "
              + h.compressed()
              + " compressed bytes, the chunk holds "
              + len);
    }
    if (h.sized() && expected >= 0 && h.size() != expected) {
      throw CodecException.wrongSize("deflate (zip local header)", h.size(), expected);
    }
    int size = expected >= 0 ? expected : unknownSize(h);
    byte[] out =
        Zlib.inflate(
            "deflate",
            Zlib.raw(),
            in,
            h.dataStart(),
            len,
            size,
            "the end of the chunk",
            Blosc.MAX_UNKNOWN);
    if (h.sized()) {
      CRC32 crc = new CRC32();
      crc.update(out);
      if ((int) crc.getValue() != h.crc() || out.length != h.size()) {
        throw new CodecException("deflate: CRC-32 or size mismatch with the zip local header");
      }
    }
    return out;
  }

  // The size the header claims, if it claims one within the bound; -1 to inflate up to the bound.
  private static int unknownSize(Header h) throws CodecException {
    if (!h.sized()) {
      return -1;
    }
    if (h.size() > Blosc.MAX_UNKNOWN) {
      throw new CodecException(
          "deflate: the zip local header claims "
              + h.size()
              + " bytes, more than the "
              + Blosc.MAX_UNKNOWN
              + " allowed when no chunk size is known");
    }
    return (int) h.size();
  }

  private static Header header(byte[] in) throws CodecException {
    if (in.length < HEADER || Bytes.int32le(in, 0) != LOCAL) {
      throw new CodecException("deflate: the chunk does not start with a zip local file header");
    }
    int flags = u16(in, 6);
    int method = u16(in, 8);
    if ((flags & ENCRYPTED) != 0) {
      throw new CodecException("deflate: the zip member is encrypted");
    }
    if (method != 8) {
      throw new CodecException("deflate: the zip member's method is " + method + ", not deflate");
    }
    int nameLen = u16(in, 26);
    int extraLen = u16(in, 28);
    int dataStart = HEADER + nameLen + extraLen;
    if (dataStart > in.length) {
      throw new CodecException("deflate: the zip local header is truncated");
    }
    long[] sizes = {Bytes.int32le(in, 22) & MAX32, Bytes.int32le(in, 18) & MAX32};
    zip64(in, HEADER + nameLen, extraLen, sizes);
    boolean sized = (flags & DESCRIPTOR) == 0;
    if (sized && (sizes[0] < 0 || sizes[1] < 0)) {
      throw new CodecException("deflate: the zip local header claims a negative size");
    }
    return new Header(dataStart, sized, Bytes.int32le(in, 14), sizes[1], sizes[0]);
  }

  /** Replaces 0xffffffff sizes (uncompressed, compressed) with their zip64 extra-field values. */
  private static void zip64(byte[] in, int start, int len, long[] sizes) throws CodecException {
    int p = start;
    int end = start + len;
    while (p + 4 <= end) {
      int id = u16(in, p);
      int n = u16(in, p + 2);
      if (p + 4 + n > end) {
        throw new CodecException("deflate: the zip local header's extra field is truncated");
      }
      if (id == 1) {
        int q = p + 4;
        for (int i = 0; i < 2; i++) {
          if (sizes[i] == MAX32) {
            if (q + 8 > p + 4 + n) {
              throw new CodecException("deflate: the zip64 extra field lacks a size");
            }
            sizes[i] = (Bytes.int32le(in, q) & MAX32) | (long) Bytes.int32le(in, q + 4) << 32;
            q += 8;
          }
        }
        return;
      }
      p += 4 + n;
    }
  }

  private static int u16(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
  }
}
