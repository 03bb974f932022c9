package io.refzarr.cli;

import io.refzarr.bridge.ArrayData;
import io.refzarr.bridge.DataType;
import io.refzarr.bridge.Slice;
import io.refzarr.bridge.ZarrArray;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes NumPy {@code .npy} files (format 1.0, or 2.0 when the header needs it): magic, version, a
 * little-endian header length, the header dict padded to a multiple of 64 bytes, then the C-order
 * data. Variable-length strings are written as fixed-size unicode ({@code <U<longest>}), as numpy
 * itself stores text without pickling.
 */
final class NpyWriter {
  private NpyWriter() {}

  static void write(ArrayData data, OutputStream out) throws IOException {
    boolean vlen = data.dataType().kind() == DataType.Kind.STRING;
    String[] strings = vlen ? data.toStringArray() : null;
    int width =
        vlen
            ? Arrays.stream(strings).mapToInt(s -> s.codePointCount(0, s.length())).max().orElse(0)
            : 0;
    String descr = vlen ? "<U" + Math.max(1, width) : data.dataType().typestr();
    out.write(header(descr, data.shape()));
    if (vlen) {
      out.write(utf32(strings, Math.max(1, width)));
    } else {
      out.write(data.toByteArray());
    }
  }

  /**
   * Writes slice {@code s} of {@code a} (fixed-size elements) as a {@code .npy} file: the header,
   * then the values straight from the decoded chunks. {@code seekable}: the header goes first, the
   * file is sized and the values are written in parallel at their positions; else all is written in
   * order.
   */
  static void write(ZarrArray a, Slice s, FileChannel out, boolean seekable) throws IOException {
    if (!seekable) {
      writeInOrder(a, s, out);
      return;
    }
    ByteBuffer head = header(a, s);
    long start = head.remaining();
    writeFully(out, head, 0);
    long size = a.byteSize(s);
    if (size > 0) {
      writeFully(out, ByteBuffer.allocate(1), start + size - 1); // sizes the file at once
    }
    a.readInto(s, out, start);
  }

  /**
   * Writes slice {@code s} of {@code a} as a {@code .npy} file in order into a sequential channel
   * (a pipe, standard output): the header, then the values tile after tile.
   */
  static void writeInOrder(ZarrArray a, Slice s, WritableByteChannel out) throws IOException {
    ByteBuffer head = header(a, s);
    while (head.hasRemaining()) {
      out.write(head);
    }
    a.readInto(s, out);
  }

  private static ByteBuffer header(ZarrArray a, Slice s) {
    long[] shape = a.rank() == 0 ? new long[0] : s.resultShape();
    return ByteBuffer.wrap(header(a.dataType().littleEndian().typestr(), shape));
  }

  private static void writeFully(FileChannel out, ByteBuffer b, long position) throws IOException {
    long at = position;
    while (b.hasRemaining()) {
      int n = at < 0 ? out.write(b) : out.write(b, at);
      at = at < 0 ? at : at + n;
    }
  }

  static byte[] header(String descr, long[] shape) {
    String d = descr.startsWith("[") ? descr : "'" + descr + "'";
    StringBuilder dict =
        new StringBuilder("{'descr': ").append(d).append(", 'fortran_order': False, 'shape': (");
    for (long n : shape) {
      dict.append(n).append(", ");
    }
    if (shape.length > 1) {
      dict.setLength(dict.length() - 2);
    } else if (shape.length == 1) {
      dict.setLength(dict.length() - 1);
    }
    dict.append("), }");
    boolean v2 = dict.length() + 11 > 65535;
    int prefix = v2 ? 12 : 10;
    int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
    while (prefix + dict.length() + 1 < total) {
      dict.append(' ');
    }
    dict.append('\n');
    byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(prefix + text.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) (v2 ? 2 : 1))
        .put((byte) 0);
    if (v2) {
      b.putInt(text.length);
    } else {
      b.putShort((short) text.length);
    }
    return b.put(text).array();
  }

  private static byte[] utf32(String[] strings, int width) {
    ByteBuffer b = ByteBuffer.allocate(strings.length * width * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < strings.length; i++) {
      b.position(i * width * 4);
      strings[i].codePoints().forEach(b::putInt);
    }
    return b.array();
  }
}
