package io.refzarr.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small Zarr stores for tests: metadata as given, chunks encoded with the JDK's own codecs.
 */
final class LocalStores {
  private LocalStores() {}

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  static byte[] zlib(byte[] raw) {
    Deflater d = new Deflater(6);
    d.setInput(raw);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  static byte[] withCrc32c(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return ByteBuffer.allocate(data.length + 4)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(data)
        .putInt((int) crc.getValue())
        .array();
  }

  /** int32 values of one chunk, in the given byte order, C order over {@code rows x cols}. */
  static byte[] ints(ByteOrder order, int rows, int cols, IntBinaryOp value) {
    ByteBuffer b = ByteBuffer.allocate(rows * cols * 4).order(order);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        b.putInt(value.apply(i, j));
      }
    }
    return b.array();
  }

  interface IntBinaryOp {
    int apply(int i, int j);
  }
}
