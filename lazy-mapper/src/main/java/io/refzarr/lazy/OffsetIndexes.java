package io.refzarr.lazy;

import java.io.IOException;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;

/**
 * Parses a Parquet {@code OffsetIndex} (Thrift compact protocol) from its bytes, read in one piece:
 * parquet-java parses it one byte at a time through its stream and Thrift transport, which was the
 * largest cost of a cold lookup. Only the page locations are kept; {@code
 * unencoded_byte_array_data_bytes} and unknown fields are skipped. It reads through {@link
 * CompactReader}, so every length and count is checked against the bytes left and nesting is
 * bounded: hostile bytes end quickly. Anything unexpected gives null, and the caller parses with
 * parquet-java instead.
 */
final class OffsetIndexes {
  private OffsetIndexes() {}

  /** The offset index in {@code bytes}, or null if they are not one this parser understands. */
  static OffsetIndex parse(byte[] bytes) {
    try {
      return read(new CompactReader(bytes, 0, bytes.length, 0));
    } catch (IOException e) { // truncated or unexpected: let parquet-java say what is wrong
      return null;
    }
  }

  /**
   * {@code index} if its pages can be trusted for a column chunk of {@code rows} rows in a file of
   * {@code fileLength} bytes: the first page starts at row 0, each later one further on and within
   * the rows, and each is a non-empty range of the file. Else an IOException naming the column and
   * page: a reader sent by a hostile index to the wrong pages would give wrong references
   * (parquet-java only asserts what it assumes).
   */
  static OffsetIndex checked(OffsetIndex index, long rows, long fileLength, String column)
      throws IOException {
    int n = index.getPageCount();
    if (n == 0 && rows > 0) {
      throw bad(column, "no pages for " + rows + " rows");
    }
    for (int p = 0; p < n; p++) {
      long first = index.getFirstRowIndex(p);
      long previous = p == 0 ? -1 : index.getFirstRowIndex(p - 1);
      if (p == 0 ? first != 0 : first <= previous || first >= rows) {
        throw bad(column, "page " + p + " starts at row " + first + " (" + rows + " rows)");
      }
      long offset = index.getOffset(p);
      int size = index.getCompressedPageSize(p);
      if (offset < 0 || size <= 0 || offset > fileLength - size) {
        throw bad(
            column, "page " + p + " at bytes [" + offset + ", +" + size + ") of " + fileLength);
      }
    }
    return index;
  }

  private static IOException bad(String column, String what) {
    return new IOException("offset index of column " + column + ": " + what);
  }

  private static OffsetIndex read(CompactReader in) throws IOException {
    Parsed parsed = null;
    in.beginStruct();
    while (in.nextField()) {
      if (in.fieldId() == 1 && in.fieldType() == CompactReader.LIST) {
        parsed = pageLocations(in);
        if (parsed == null) {
          return null;
        }
      } else {
        in.skipField();
      }
    }
    in.endStruct();
    return parsed;
  }

  // The list of PageLocation structs: offset (1, i64), compressed size (2, i32), first row (3,
  // i64).
  private static Parsed pageLocations(CompactReader in) throws IOException {
    int n = in.listSize(CompactReader.STRUCT);
    long[] offsets = new long[n];
    int[] sizes = new int[n];
    long[] firstRows = new long[n];
    for (int i = 0; i < n; i++) {
      int seen = 0;
      in.beginStruct();
      while (in.nextField()) {
        switch (in.fieldId() * 16 + in.fieldType()) {
          case 1 * 16 + CompactReader.I64 -> {
            offsets[i] = in.i64();
            seen |= 1;
          }
          case 2 * 16 + CompactReader.I32 -> {
            sizes[i] = in.i32();
            seen |= 2;
          }
          case 3 * 16 + CompactReader.I64 -> {
            firstRows[i] = in.i64();
            seen |= 4;
          }
          default -> in.skipField();
        }
      }
      in.endStruct();
      if (seen != 7) {
        return null;
      }
    }
    return new Parsed(offsets, sizes, firstRows);
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
