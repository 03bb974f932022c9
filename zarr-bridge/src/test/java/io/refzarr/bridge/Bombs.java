package io.refzarr.bridge;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Decompression bombs: frames of about a MiB or less, honest but for their size, that decode to
 * {@link #SIZE} (1 GiB) zeros. Each is built once, without ever holding the decoded bytes.
 */
final class Bombs {
  static final int SIZE = 1 << 30;
  private static final int PART = 1 << 20;
  // The deflate stream: one full-flushed block of a MiB of zeros (it refers to nothing before it,
  // so it can be repeated), 1024 times, then an empty final stored block.
  private static final byte[] RAW = rawDeflate();
  private static final int CRC = crc32();

  private Bombs() {}

  static byte[] zlib() {
    Adler32 adler = new Adler32();
    byte[] zeros = new byte[PART];
    for (int i = 0; i < SIZE / PART; i++) {
      adler.update(zeros);
    }
    return ByteBuffer.allocate(2 + RAW.length + 4)
        .put((byte) 0x78)
        .put((byte) 0x9c)
        .put(RAW)
        .putInt((int) adler.getValue())
        .array();
  }

  /** A gzip member; its trailer's size is {@code claimedSize} (the truth is {@link #SIZE}). */
  static byte[] gzip(int claimedSize) {
    return ByteBuffer.allocate(10 + RAW.length + 8)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff})
        .put(RAW)
        .putInt(CRC)
        .putInt(claimedSize)
        .array();
  }

  /**
   * A zip member as kerchunk's {@code deflate} codec reads it; with {@code descriptor} it keeps its
   * sizes in a data descriptor (flag bit 3), so its header claims none.
   */
  static byte[] zipMember(boolean descriptor) {
    return ByteBuffer.allocate(30 + 1 + RAW.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(0x04034b50)
        .putShort((short) 20)
        .putShort((short) (descriptor ? 8 : 0))
        .putShort((short) 8)
        .putInt(0) // time, date
        .putInt(descriptor ? 0 : CRC)
        .putInt(descriptor ? 0 : RAW.length)
        .putInt(descriptor ? 0 : SIZE)
        .putShort((short) 1)
        .putShort((short) 0)
        .put((byte) 'z')
        .put(RAW)
        .array();
  }

  /**
   * A zstd frame of RLE blocks (128 KiB each, 4 bytes encoded); with {@code declared} its header
   * declares its content size.
   */
  static byte[] zstd(boolean declared) {
    int block = 1 << 17;
    int blocks = SIZE / block;
    ByteBuffer b = ByteBuffer.allocate(4 + 2 + 8 + 4 * blocks).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xFD2FB528);
    b.put((byte) (declared ? 0xc0 : 0)); // 8-byte content size or none; not single-segment
    b.put((byte) (7 << 3)); // window 2^17
    if (declared) {
      b.putLong(SIZE);
    }
    for (int i = 0; i < blocks; i++) {
      int last = i == blocks - 1 ? 1 : 0;
      int header = block << 3 | 1 << 1 | last; // RLE block of `block` bytes
      b.put((byte) header).put((byte) (header >>> 8)).put((byte) (header >>> 16)).put((byte) 0);
    }
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  /**
   * numcodecs lz4: the 4-byte size, then one LZ4 block: a literal zero, a match of distance 1 whose
   * length is extended by bytes of 255 (about 4 MiB of them), and five final literals.
   */
  static byte[] lz4() {
    int match = SIZE - 1 - 5;
    int rest = match - 4 - 15;
    ByteArrayOutputStream out = new ByteArrayOutputStream(rest / 255 + 32);
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(SIZE).array());
    out.write(0x1f); // one literal, match length 15 + extension
    out.write(0);
    out.write(1); // distance 1
    out.write(0);
    for (int i = 0; i < rest / 255; i++) {
      out.write(255);
    }
    out.write(rest % 255);
    out.write(0x50); // five literals, no match
    out.writeBytes(new byte[5]);
    return out.toByteArray();
  }

  /**
   * A Blosc 1 frame whose header claims {@code nbytes} in one blosclz block; its one stream is a
   * few literal bytes (the frame is found out once decoded, but only after its buffer exists).
   */
  static byte[] blosc(int nbytes) {
    int cbytes = 16 + 4 + 4 + 2;
    return ByteBuffer.allocate(cbytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(new byte[] {2, 1, 0x10, 1}) // not shuffled, not split, blosclz, typesize 1
        .putInt(nbytes)
        .putInt(nbytes)
        .putInt(cbytes)
        .putInt(20)
        .putInt(2)
        .put(new byte[] {0, 0})
        .array();
  }

  private static byte[] rawDeflate() {
    Deflater d = new Deflater(9, true);
    d.setInput(new byte[PART]);
    byte[] buf = new byte[64 * 1024];
    int n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
    d.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream(n * (SIZE / PART) + 5);
    for (int i = 0; i < SIZE / PART; i++) {
      out.write(buf, 0, n);
    }
    out.writeBytes(new byte[] {1, 0, 0, (byte) 0xff, (byte) 0xff});
    return out.toByteArray();
  }

  private static int crc32() {
    CRC32 crc = new CRC32();
    byte[] zeros = new byte[PART];
    for (int i = 0; i < SIZE / PART; i++) {
      crc.update(zeros);
    }
    return (int) crc.getValue();
  }
}
