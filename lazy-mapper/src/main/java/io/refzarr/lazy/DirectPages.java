package io.refzarr.lazy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads v1 data pages and their dictionary pages straight from a record file's bytes: page headers
 * (Thrift compact, {@link CompactReader}), decompression ({@link Codecs}), definition levels and
 * dictionary indexes ({@link HybridRuns}), and plain or delta-packed values. This is the whole
 * lookup path for the record files refzarr and fsspec write, with no parquet-java class on it; a
 * page this does not decode (v2 pages, other encodings, pages of another shape than the block)
 * makes the caller go through parquet-java. Every size is checked against the bytes read, so a
 * hostile page ends in an {@link IOException} naming the byte of the file.
 */
final class DirectPages {
  static final int DATA_PAGE = 0;
  static final int DICTIONARY_PAGE = 2;
  private static final int PLAIN = 0;
  private static final int PLAIN_DICTIONARY = 2;
  private static final int RLE = 3;
  private static final int DELTA_BINARY_PACKED = 5;
  private static final int RLE_DICTIONARY = 8;

  /** The largest page decompressed here; larger ones are left to parquet-java. */
  private static final int MAX_PAGE = 64 << 20;

  private DirectPages() {}

  /** A page: its header's fields and where its (compressed) body lies in the bytes read. */
  record Page(
      int type,
      int uncompressedSize,
      int compressedSize,
      int numValues,
      int encoding,
      int levelEncoding,
      int bodyStart,
      long bodyPosition) {
    int end() {
      return bodyStart + compressedSize;
    }
  }

  /** A decoded dictionary: byte strings or integers. */
  record Dictionary(byte[][] bytes, long[] longs) {
    int size() {
      return bytes != null ? bytes.length : longs.length;
    }
  }

  /**
   * How many bytes of a data page's body the values of its first {@code rows} rows take: known
   * without decoding for plain fixed-width values of a required column (fsspec's {@code offset} and
   * {@code size}), else the whole body.
   */
  static int bytesFor(Page page, RecordFooter.Leaf leaf, int role, int rows) {
    boolean fixed =
        (role == 1 || role == 2)
            && page.encoding == PLAIN
            && leaf.repetition() == RecordFooter.REQUIRED
            && (leaf.type() == RecordFooter.INT64 || leaf.type() == RecordFooter.INT32);
    if (!fixed) {
      return Integer.MAX_VALUE;
    }
    long bytes = (long) rows * (leaf.type() == RecordFooter.INT64 ? 8 : 4);
    return (int) Math.min(bytes, page.uncompressedSize);
  }

  /** Whether a data page's values are dictionary indexes. */
  static boolean usesDictionary(Page page) {
    return page.encoding == PLAIN_DICTIONARY || page.encoding == RLE_DICTIONARY;
  }

  /** The page whose header starts at {@code b[from]} (byte {@code base + from} of the file). */
  static Page header(byte[] b, int from, int end, long base) throws IOException {
    CompactReader in = new CompactReader(b, from, end, base);
    int type = -1;
    int uncompressed = -1;
    int compressed = -1;
    int values = -1;
    int encoding = -1;
    int levels = -1;
    in.beginStruct();
    while (in.nextField()) {
      switch (in.fieldId() * 16 + in.fieldType()) {
        case 1 * 16 + CompactReader.I32 -> type = in.i32();
        case 2 * 16 + CompactReader.I32 -> uncompressed = in.i32();
        case 3 * 16 + CompactReader.I32 -> compressed = in.i32();
        case 5 * 16 + CompactReader.STRUCT, 7 * 16 + CompactReader.STRUCT -> {
          in.beginStruct();
          while (in.nextField()) {
            switch (in.fieldId() * 16 + in.fieldType()) {
              case 1 * 16 + CompactReader.I32 -> values = in.i32();
              case 2 * 16 + CompactReader.I32 -> encoding = in.i32();
              case 3 * 16 + CompactReader.I32 -> levels = in.i32();
              default -> in.skipField();
            }
          }
          in.endStruct();
        }
        default -> in.skipField();
      }
    }
    in.endStruct();
    int body = in.offset();
    if (type < 0 || uncompressed < 0 || compressed < 0 || compressed > end - body) {
      throw new IOException(
          "page header of type "
              + type
              + " with "
              + compressed
              + " compressed bytes where "
              + (end - body)
              + " are left at byte "
              + (base + from));
    }
    return new Page(type, uncompressed, compressed, values, encoding, levels, body, base + body);
  }

  /** The page's body decompressed, or null if it is larger than this path handles. */
  static byte[] body(byte[] b, Page page, int codec) throws IOException {
    return body(b, page, codec, Integer.MAX_VALUE);
  }

  /**
   * The page's body decompressed at least as far as {@code need} bytes ({@link #bytesFor}), or null
   * if it is larger than this path handles.
   */
  static byte[] body(byte[] b, Page page, int codec, int need) throws IOException {
    if (page.uncompressedSize > MAX_PAGE || !Codecs.handles(codec)) {
      return null;
    }
    byte[] in = Arrays.copyOfRange(b, page.bodyStart, page.end());
    try {
      return Codecs.decompressPrefix(codec, in, page.uncompressedSize, need);
    } catch (IOException | RuntimeException e) {
      throw new IOException(e.getMessage() + " (page at byte " + page.bodyPosition + ")", e);
    }
  }

  /** A dictionary page's values, or null if its encoding is not plain. */
  static Dictionary dictionary(byte[] body, Page page, RecordFooter.Leaf leaf) throws IOException {
    if (page.type != DICTIONARY_PAGE
        || (page.encoding != PLAIN && page.encoding != PLAIN_DICTIONARY)
        || page.numValues < 0) {
      return null;
    }
    return switch (leaf.type()) {
      case RecordFooter.BYTE_ARRAY ->
          new Dictionary(plainBytes(body, 0, 0, page.numValues, page.bodyPosition), null);
      case RecordFooter.INT64, RecordFooter.INT32 -> {
        int width = leaf.type() == RecordFooter.INT32 ? 4 : 8;
        if ((long) page.numValues * width > body.length) { // checked before allocating
          throw corrupt(page, page.numValues + " dictionary values in " + body.length + " bytes");
        }
        long[] v = new long[page.numValues];
        plainInts(body, 0, v, page.numValues, leaf.type() == RecordFooter.INT32, page);
        yield new Dictionary(null, v);
      }
      default -> null;
    };
  }

  /**
   * Decodes rows {@code skip .. skip + d.count()} of one column's data page into {@code d}; false
   * if the page is not one this path decodes. Levels and values are decoded only up to the window's
   * last row, and only the window's values are kept: a lookup in one of fsspec's 100,000-row pages
   * materialises a few thousand rows, not the page.
   *
   * @param role which of the record columns this is: 0 path, 1 offset, 2 size, 3 raw
   */
  static boolean decode(
      byte[] body,
      Page page,
      RecordFooter.Leaf leaf,
      int role,
      Dictionary dict,
      RowBlockDecoder d,
      int skip)
      throws IOException {
    int count = d.count();
    int upTo = skip + count;
    if (page.type != DATA_PAGE || page.numValues < upTo || skip < 0) {
      return false;
    }
    int max;
    if (leaf.repetition() == RecordFooter.OPTIONAL) {
      max = 1;
    } else if (leaf.repetition() == RecordFooter.REQUIRED) {
      max = 0;
    } else {
      return false;
    }
    try {
      int pos = 0;
      int[] defs = null; // the window's levels
      int before = skip; // values before the window
      int present = count; // values in the window
      if (max > 0) {
        if (page.levelEncoding != RLE || body.length < 4) {
          return false;
        }
        int len = ByteBuffer.wrap(body, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (len < 0 || len > body.length - 4) {
          throw corrupt(page, "definition levels of " + len + " bytes in a page of " + body.length);
        }
        defs = new int[count];
        before = HybridRuns.window(body, 4, 4 + len, 1, skip, defs, count, max);
        pos = 4 + len;
        present = 0;
        for (int v : defs) {
          present += v == max ? 1 : 0;
        }
      }
      boolean int32 = leaf.type() == RecordFooter.INT32;
      long[] out = role == 1 ? d.offsets : role == 2 ? d.sizes : null;
      if (usesDictionary(page)) {
        if (dict == null) {
          return false;
        }
        int[] ids = new int[present];
        if (present > 0) {
          if (pos >= body.length) {
            throw corrupt(page, "no dictionary indexes");
          }
          HybridRuns.window(body, pos + 1, body.length, body[pos] & 0xff, before, ids, present, -1);
        }
        for (int id : ids) {
          if (id < 0 || id >= dict.size()) {
            throw corrupt(page, "dictionary index " + id + " of " + dict.size() + " entries");
          }
        }
        if (role == 0) {
          if (dict.bytes == null) {
            return false;
          }
          d.paths(defs, max, ids, dict.bytes);
        } else if (out != null) {
          if (dict.longs == null) {
            return false;
          }
          long[] values = defs == null ? out : new long[present];
          for (int i = 0; i < present; i++) {
            values[i] = dict.longs[ids[i]];
          }
          RowBlockDecoder.longs(count, defs, max, values, out);
        } else {
          if (dict.bytes == null) {
            return false;
          }
          byte[][] values = new byte[present][];
          for (int i = 0; i < present; i++) {
            values[i] = dict.bytes[ids[i]].clone();
          }
          d.raw(defs, max, values);
        }
        return true;
      }
      if (out != null) {
        if (leaf.type() != RecordFooter.INT64 && !int32) {
          return false;
        }
        long[] values = defs == null ? out : new long[present];
        if (page.encoding == PLAIN) {
          int width = int32 ? 4 : 8;
          if ((long) before * width > body.length - pos) {
            throw corrupt(page, before + " plain values in " + (body.length - pos) + " bytes");
          }
          plainInts(body, pos + before * width, values, present, int32, page);
        } else if (page.encoding == DELTA_BINARY_PACKED) {
          if (before == 0) {
            DeltaPacked.decode(body, pos, values, present, int32);
          } else {
            long[] all = new long[before + present];
            DeltaPacked.decode(body, pos, all, all.length, int32);
            System.arraycopy(all, before, values, 0, present);
          }
        } else {
          return false;
        }
        RowBlockDecoder.longs(count, defs, max, values, out);
        return true;
      }
      if (page.encoding != PLAIN || leaf.type() != RecordFooter.BYTE_ARRAY) {
        return false;
      }
      byte[][] values = plainBytes(body, pos, before, present, page.bodyPosition);
      if (role == 0) {
        d.paths(defs, max, values);
      } else {
        d.raw(defs, max, values);
      }
      return true;
    } catch (IllegalArgumentException e) { // from HybridRuns and DeltaPacked
      throw corrupt(page, e.getMessage());
    }
  }

  private static void plainInts(byte[] b, int pos, long[] out, int n, boolean int32, Page page)
      throws IOException {
    int width = int32 ? 4 : 8;
    if ((long) n * width > b.length - pos) {
      throw corrupt(page, n + " plain values in " + (b.length - pos) + " bytes");
    }
    ByteBuffer buf = ByteBuffer.wrap(b, pos, n * width).order(ByteOrder.LITTLE_ENDIAN);
    if (int32) {
      for (int i = 0; i < n; i++) {
        out[i] = buf.getInt();
      }
    } else {
      buf.asLongBuffer().get(out, 0, n);
    }
  }

  /** The {@code n} byte strings after the first {@code skip} from {@code b[pos..]}. */
  private static byte[][] plainBytes(byte[] b, int pos, int skip, int n, long position)
      throws IOException {
    if (n < 0 || skip < 0 || ((long) n + skip) * 4 > b.length - pos) {
      throw new IOException(
          n + " byte strings in " + (b.length - pos) + " bytes (page at byte " + position + ")");
    }
    for (int i = 0; i < skip; i++) {
      int len = ByteBuffer.wrap(b, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (len < 0 || len > b.length - pos - 4 || b.length - pos - 4 - len < 4L * (skip - i - 1)) {
        throw new IOException(
            "byte string " + i + " of " + len + " bytes (page at byte " + position + ")");
      }
      pos += 4 + len;
    }
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      if (b.length - pos < 4) {
        throw new IOException("truncated byte string " + i + " (page at byte " + position + ")");
      }
      int len = ByteBuffer.wrap(b, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      pos += 4;
      if (len < 0 || len > b.length - pos) {
        throw new IOException(
            "byte string " + i + " of " + len + " bytes (page at byte " + position + ")");
      }
      out[i] = Arrays.copyOfRange(b, pos, pos + len);
      pos += len;
    }
    return out;
  }

  /** A path's bytes as the string fsspec reads them. */
  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static IOException corrupt(Page page, String what) {
    return new IOException(what + " (page at byte " + page.bodyPosition + ")");
  }
}
