package io.refzarr.bridge.codec;

import java.util.zip.Inflater;

/**
 * Blosc 1 frames (numcodecs {@code blosc}, Zarr v3 {@code blosc}, HDF5 filter 32001). A 16-byte
 * header (version, codec version, flags, typesize, nbytes, blocksize, cbytes; little-endian), then
 * unless the frame is a plain copy one start offset per block; each block holds one stream, or
 * {@code typesize} streams when it was split, each stream a 4-byte length then codec bytes (stored
 * raw when the length equals the stream's decoded size). Flags: bit 0 byte shuffle, bit 1 plain
 * copy, bit 2 bitshuffle, bit 4 not split, bits 5-7 the codec (0 blosclz, 1 lz4/lz4hc, 2 snappy, 3
 * zlib, 4 zstd).
 */
final class Blosc implements Codec {
  static final Blosc INSTANCE = new Blosc();
  private static final int HEADER = 16;
  private static final int MIN_SPLIT = 128;
  private static final int MAX_SPLITS = 16;
  private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);

  @Override
  public byte[] decode(byte[] in, OutputSize decoded) throws CodecException {
    Header h = Header.parse(in);
    decoded.checkClaim("blosc", "header", h.nbytes);
    byte[] out = new byte[h.nbytes];
    if (h.nbytes == 0) {
      return out;
    }
    if (h.memcpyed()) {
      if (h.cbytes != HEADER + h.nbytes || in.length < h.cbytes) {
        throw new CodecException("blosc copy frame has the wrong size");
      }
      System.arraycopy(in, HEADER, out, 0, h.nbytes);
      return out;
    }
    byte[] tmp = h.shuffled() ? new byte[h.blocksize] : null;
    int nblocks = (int) ((h.nbytes + (long) h.blocksize - 1) / h.blocksize);
    if (HEADER + 4L * nblocks > in.length) {
      throw new CodecException("blosc block offsets are truncated");
    }
    for (int b = 0; b < nblocks; b++) {
      int start = Bytes.int32le(in, HEADER + 4 * b);
      int size = Math.min(h.blocksize, h.nbytes - b * h.blocksize);
      decodeBlock(h, in, start, size, size < h.blocksize, out, b * h.blocksize, tmp);
    }
    return out;
  }

  private static void decodeBlock(
      Header h, byte[] in, int pos, int size, boolean leftover, byte[] out, int outOff, byte[] tmp)
      throws CodecException {
    byte[] dst = tmp != null ? tmp : out;
    int dstOff = tmp != null ? 0 : outOff;
    int streams = h.split(size, leftover) ? h.typesize : 1;
    int streamSize = size / streams;
    for (int s = 0; s < streams; s++) {
      int clen = Bytes.length32le(in, pos);
      if (clen < 0 || pos + 4L + clen > in.length) {
        throw new CodecException("blosc stream length is out of range");
      }
      pos += 4;
      decodeStream(h.codec(), in, pos, clen, dst, dstOff + s * streamSize, streamSize);
      pos += clen;
    }
    if ((h.flags & 1) != 0 && h.typesize > 1) {
      Shuffles.unshuffle(h.typesize, tmp, 0, size, out, outOff);
    } else if ((h.flags & 4) != 0 && bitshuffled(h, size)) {
      Shuffles.bitunshuffle(h.typesize, tmp, 0, size, out, outOff);
    } else if (tmp != null) {
      System.arraycopy(tmp, 0, out, outOff, size);
    }
  }

  // Format version 2 (c-blosc 1.x writes it) bitshuffles only blocks of whole groups of eight
  // elements.
  private static boolean bitshuffled(Header h, int size) {
    return h.version >= 3 || (size / h.typesize) % 8 == 0;
  }

  private static void decodeStream(
      int codec, byte[] in, int pos, int clen, byte[] dst, int off, int size)
      throws CodecException {
    if (clen == size) {
      System.arraycopy(in, pos, dst, off, size);
      return;
    }
    int n;
    switch (codec) {
      case 0 -> n = BloscLz.decode(in, pos, clen, dst, off, size);
      case 1 -> n = Lz4.block(in, pos, clen, dst, off, size);
      case 3 -> n = inflate(in, pos, clen, dst, off, size);
      case 4 -> n = zstd(in, pos, clen, dst, off, size);
      default ->
          throw new CodecException(
              "blosc internal codec " + codecName(codec) + " is not supported");
    }
    if (n != size) {
      throw CodecException.wrongSize("blosc " + codecName(codec), n, size);
    }
  }

  private static int inflate(byte[] in, int pos, int clen, byte[] dst, int off, int size)
      throws CodecException {
    byte[] out =
        Zlib.inflate("blosc zlib", INFLATER.get(), in, pos, clen, OutputSize.exactly(size), null);
    System.arraycopy(out, 0, dst, off, size);
    return size;
  }

  private static int zstd(byte[] in, int pos, int clen, byte[] dst, int off, int size)
      throws CodecException {
    byte[] out = Zstd.decode(in, pos, clen, OutputSize.exactly(size));
    System.arraycopy(out, 0, dst, off, size);
    return size;
  }

  static String codecName(int codec) {
    return switch (codec) {
      case 0 -> "blosclz";
      case 1 -> "lz4";
      case 2 -> "snappy";
      case 3 -> "zlib";
      case 4 -> "zstd";
      default -> "#" + codec;
    };
  }

  /** The parsed 16-byte header. */
  private record Header(
      int version, int flags, int typesize, int nbytes, int blocksize, int cbytes) {
    static Header parse(byte[] in) throws CodecException {
      if (in.length < HEADER) {
        throw new CodecException("blosc frame is shorter than its 16-byte header");
      }
      Header h =
          new Header(
              in[0] & 0xff,
              in[2] & 0xff,
              in[3] & 0xff,
              Bytes.int32le(in, 4),
              Bytes.int32le(in, 8),
              Bytes.int32le(in, 12));
      if (h.version == 0 || h.version > 4 || (h.flags & 8) != 0) {
        throw new CodecException(
            "not a Blosc 1 frame (version " + h.version + ", flags " + h.flags + ")");
      }
      // c-blosc never writes a block larger than the frame's data (and rejects one): checked before
      // the
      // block buffer is allocated
      if (h.nbytes < 0
          || h.cbytes < HEADER
          || h.cbytes > in.length
          || h.typesize == 0
          || h.nbytes > 0 && (h.blocksize <= 0 || h.blocksize > h.nbytes)) {
        throw new CodecException(
            "blosc header is inconsistent (nbytes "
                + h.nbytes
                + ", blocksize "
                + h.blocksize
                + ", cbytes "
                + h.cbytes
                + ", frame "
                + in.length
                + " bytes)");
      }
      return h;
    }

    boolean memcpyed() {
      return (flags & 2) != 0;
    }

    boolean shuffled() {
      return (flags & 1) != 0 && typesize > 1 || (flags & 4) != 0;
    }

    int codec() {
      return flags >>> 5;
    }

    boolean split(int size, boolean leftover) {
      boolean dontSplit = (flags & 0x10) != 0;
      return !dontSplit && typesize <= MAX_SPLITS && size / typesize >= MIN_SPLIT && !leftover;
    }
  }
}
