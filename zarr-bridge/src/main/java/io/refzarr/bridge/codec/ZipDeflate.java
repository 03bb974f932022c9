package io.refzarr.bridge.codec;

import java.util.zip.CRC32;

/**
 * kerchunk's {@code deflate} codec ({@code {"id": "deflate"}}, no parameters): a zip member's local
 * file header followed by its raw-deflate data, the range {@code dereference} writes for a deflated
 * member. The header is parsed for real (signature, method, flags, name and extra lengths, zip64
 * sizes); the deflate stream must end exactly at the end of the input; the CRC-32 and sizes of the
 * header are checked unless the member keeps them in a data descriptor after its data
 * (general-purpose flag bit 3), which the range does not hold. The header's size is checked against
 * the chunk's before anything of that size is allocated.
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
  public byte[] decode(byte[] in, OutputSize size) throws CodecException {
    Header h = header(in);
    int len = in.length - h.dataStart();
    if (h.sized() && h.compressed() != len) {
      throw new CodecException(
          "deflate: the zip local header claims "
              + h.compressed()
              + " compressed bytes, the chunk holds "
              + len);
    }
    OutputSize out = size;
    if (h.sized()) {
      if (size.exact() && h.size() != size.bytes()) {
        throw CodecException.wrongSize("deflate (zip local header)", h.size(), size.bytes());
      }
      size.checkClaim("deflate", "zip local header", h.size());
      out = OutputSize.exactly((int) h.size());
    }
    byte[] bytes =
        Zlib.inflate("deflate", Zlib.raw(), in, h.dataStart(), len, out, "the end of the chunk");
    if (h.sized()) {
      CRC32 crc = new CRC32();
      crc.update(bytes);
      if ((int) crc.getValue() != h.crc()) {
        throw new CodecException("deflate: CRC-32 mismatch with the zip local header");
      }
    }
    return bytes;
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
