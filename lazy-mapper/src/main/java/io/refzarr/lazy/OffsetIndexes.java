package io.refzarr.lazy;

import org.apache.parquet.internal.column.columnindex.OffsetIndex;

/**
 * Parses a Parquet {@code OffsetIndex} (Thrift compact protocol) from its bytes, read in one piece:
 * parquet-java parses it one byte at a time through its stream and Thrift transport, which was the
 * largest cost of a cold lookup. Only the page locations are kept; {@code
 * unencoded_byte_array_data_bytes} and unknown fields are skipped. Anything unexpected gives null,
 * and the caller parses with parquet-java instead.
 */
final class OffsetIndexes {
  private static final int STOP = 0;
  private static final int I32 = 5;
  private static final int I64 = 6;
  private static final int LIST = 9;
  private static final int STRUCT = 12;

  private final byte[] b;
  private int p;

  private OffsetIndexes(byte[] b) {
    this.b = b;
  }

  /** The offset index in {@code bytes}, or null if they are not one this parser understands. */
  static OffsetIndex parse(byte[] bytes) {
    try {
      return new OffsetIndexes(bytes).read();
    } catch (RuntimeException e) { // truncated or unexpected: let parquet-java say what is wrong
      return null;
    }
  }

  private OffsetIndex read() {
    long[] offsets = null;
    int[] sizes = null;
    long[] firstRows = null;
    int id = 0;
    while (true) {
      int h = b[p++] & 0xff;
      if (h == STOP) {
        break;
      }
      int type = h & 0x0f;
      id = (h >>> 4) != 0 ? id + (h >>> 4) : zigzag(varint());
      if (id == 1 && type == LIST) {
        int lh = b[p++] & 0xff;
        int n = lh >>> 4 == 15 ? (int) varint() : lh >>> 4;
        if ((lh & 0x0f) != STRUCT || n < 0 || n > b.length) {
          return null;
        }
        offsets = new long[n];
        sizes = new int[n];
        firstRows = new long[n];
        for (int i = 0; i < n; i++) {
          int seen = 0;
          int fid = 0;
          while (true) {
            int fh = b[p++] & 0xff;
            if (fh == STOP) {
              break;
            }
            int ft = fh & 0x0f;
            fid = (fh >>> 4) != 0 ? fid + (fh >>> 4) : zigzag(varint());
            if (fid == 1 && ft == I64) {
              offsets[i] = zigzag64(varint());
              seen |= 1;
            } else if (fid == 2 && ft == I32) {
              sizes[i] = zigzag(varint());
              seen |= 2;
            } else if (fid == 3 && ft == I64) {
              firstRows[i] = zigzag64(varint());
              seen |= 4;
            } else {
              skip(ft);
            }
          }
          if (seen != 7) {
            return null;
          }
        }
      } else {
        skip(type);
      }
    }
    return offsets == null ? null : new Parsed(offsets, sizes, firstRows);
  }

  private void skip(int type) {
    switch (type) {
      case 1, 2 -> {} // booleans are in the type nibble
      case 3 -> p++;
      case 4, I32, I64 -> varint();
      case 7 -> p += 8;
      case 8 -> p += (int) varint();
      case LIST, 10 -> {
        int lh = b[p++] & 0xff;
        int n = lh >>> 4 == 15 ? (int) varint() : lh >>> 4;
        int et = lh & 0x0f;
        for (int i = 0; i < n; i++) {
          if (et == 1 || et == 2) {
            p++; // a boolean element is a whole byte
          } else {
            skip(et);
          }
        }
      }
      case STRUCT -> {
        int fid = 0;
        while (true) {
          int fh = b[p++] & 0xff;
          if (fh == STOP) {
            return;
          }
          fid = (fh >>> 4) != 0 ? fid + (fh >>> 4) : zigzag(varint());
          skip(fh & 0x0f);
        }
      }
      default -> throw new IllegalArgumentException("unexpected Thrift type " + type);
    }
  }

  private long varint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int x = b[p++];
      v |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint too long");
  }

  private static int zigzag(long v) {
    return (int) ((v >>> 1) ^ -(v & 1));
  }

  private static long zigzag64(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** Page locations as parsed. */
  private record Parsed(long[] offsets, int[] sizes, long[] firstRows) implements OffsetIndex {
    @Override
    public int getPageCount() {
      return offsets.length;
    }

    @Override
    public long getOffset(int page) {
      return offsets[page];
    }

    @Override
    public int getCompressedPageSize(int page) {
      return sizes[page];
    }

    @Override
    public long getFirstRowIndex(int page) {
      return firstRows[page];
    }
  }
}
