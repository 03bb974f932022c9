package io.refzarr.cli;

import io.refzarr.bridge.Slice;
import io.refzarr.bridge.ZarrArray;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes NumPy {@code .npy} files (format 1.0, or 2.0 when the header needs it): magic, version, a
 * little-endian header length, the header dict padded to a multiple of 64 bytes, then the C-order
 * data. Variable-length strings are written as fixed-size unicode ({@code <U<longest>}), as numpy
 * itself stores text without pickling.
 */
final class NpyWriter {
  /** About this many strings are read at a time by {@link #writeStrings}. */
  static final long STRING_BLOCK = 1 << 16;

  private NpyWriter() {}

  /**
   * Writes slice {@code s} of a variable-length-string array as a {@code .npy} file of fixed-size
   * unicode, {@code <U<longest>}. The header needs the longest string, so the slice is read twice,
   * in blocks of whole chunk rows along its first axis (about {@link #STRING_BLOCK} strings each):
   * first for the width, then for the text. Memory is one block's strings, not the slice's.
   */
  static void writeStrings(ZarrArray a, Slice s, OutputStream out) throws IOException {
    List<Slice> blocks = blocks(a, s);
    int width = 1;
    for (Slice b : blocks) {
      for (String v : a.read(b).toStringArray()) {
        width = Math.max(width, v.codePointCount(0, v.length()));
      }
    }
    out.write(header("<U" + width, a.rank() == 0 ? new long[0] : s.resultShape()));
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (Slice b : blocks) {
      for (String v : a.read(b).toStringArray()) {
        int n = 0;
        for (int i = 0; i < v.length(); n++) {
          int c = v.codePointAt(i);
          i += Character.charCount(c);
          putInt(buffer, c, out);
        }
        for (; n < width; n++) {
          putInt(buffer, 0, out);
        }
      }
    }
    out.write(buffer.array(), 0, buffer.position());
  }

  // The slice in blocks along its first axis: chunk rows of the array, merged while the block stays
  // within STRING_BLOCK elements (one chunk row at least, however large).
  private static List<Slice> blocks(ZarrArray a, Slice s) {
    if (a.rank() == 0 || s.size() == 0) {
      return List.of(s);
    }
    long[] off = s.offset();
    long[] count = s.count();
    long step = s.stride()[0];
    long chunk = a.chunks()[0];
    long perRow = s.size() / count[0];
    List<Slice> blocks = new ArrayList<>();
    long from = 0;
    while (from < count[0]) {
      long to = from;
      do {
        long c = (off[0] + to * step) / chunk; // the chunk row of result row `to`
        to = Math.min(count[0], ((c + 1) * chunk - 1 - off[0]) / step + 1);
      } while (to < count[0] && (to - from) * perRow < STRING_BLOCK);
      long[] o = off.clone();
      long[] n = count.clone();
      o[0] = off[0] + from * step;
      n[0] = to - from;
      blocks.add(Slice.of(o, n, s.stride()));
      from = to;
    }
    return blocks;
  }

  private static void putInt(ByteBuffer b, int value, OutputStream out) throws IOException {
    if (!b.hasRemaining()) {
      out.write(b.array(), 0, b.position());
      b.clear();
    }
    b.putInt(value);
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
}
