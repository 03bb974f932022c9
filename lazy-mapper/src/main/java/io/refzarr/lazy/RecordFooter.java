package io.refzarr.lazy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a record file's footer (Parquet {@code FileMetaData}) that a lookup needs, parsed by
 * refzarr itself: the top-level columns, and per row group its row count and each column chunk's
 * codec, page offsets, size, null count and offset index. parquet-java's footer parse (Thrift's
 * generated classes, then {@code ParquetMetadataConverter}) and the classes it loads were most of a
 * short CLI run's cost per record file; a lookup that stays on this path loads none of them.
 *
 * <p>{@link #parse} returns null for a valid footer this reader does not handle (nested or repeated
 * columns, encryption, column chunks in other files), so the caller reads it through parquet-java;
 * a malformed one is an {@link IOException} naming the byte of the file.
 */
record RecordFooter(Leaf[] leaves, Group[] groups, String createdBy, long declaredPageRows) {
  static final int BOOLEAN = 0;
  static final int INT32 = 1;
  static final int INT64 = 2;
  static final int BYTE_ARRAY = 6;
  static final int REQUIRED = 0;
  static final int OPTIONAL = 1;

  /** A top-level primitive column. */
  record Leaf(String name, int type, int repetition) {}

  /** One column chunk of a row group; -1 where the footer leaves a value out. */
  record Chunk(
      String name,
      int codec,
      long numValues,
      long compressedSize,
      long dataPageOffset,
      long dictionaryPageOffset,
      long nullCount,
      long indexOffset,
      int indexLength) {

    /** Where the chunk's first page (its dictionary page, if any) starts. */
    long start() {
      return dictionaryPageOffset > 0 && dictionaryPageOffset < dataPageOffset
          ? dictionaryPageOffset
          : dataPageOffset;
    }
  }

  /** A row group: its row count and column chunks. */
  record Group(long rows, Chunk[] chunks) {
    Chunk chunk(String name) {
      for (Chunk c : chunks) {
        if (c.name.equals(name)) {
          return c;
        }
      }
      return null;
    }
  }

  /** The leaf column called {@code name}, or null. */
  Leaf leaf(String name) {
    for (Leaf l : leaves) {
      if (l.name.equals(name)) {
        return l;
      }
    }
    return null;
  }

  /**
   * Parses the footer in {@code b[from..end)}, which starts at byte {@code base} of the file; null
   * if it is valid Parquet this reader leaves to parquet-java.
   */
  static RecordFooter parse(byte[] b, int from, int end, long base) throws IOException {
    return new Parser(new CompactReader(b, from, end, base)).fileMetaData();
  }

  private static final class Parser {
    private final CompactReader in;
    private boolean unsupported;

    Parser(CompactReader in) {
      this.in = in;
    }

    RecordFooter fileMetaData() throws IOException {
      Leaf[] leaves = null;
      List<Group> groups = new ArrayList<>();
      String createdBy = null;
      long pageRows = 0;
      in.beginStruct();
      while (in.nextField()) {
        switch (in.fieldId() * 16 + in.fieldType()) {
          case 2 * 16 + CompactReader.LIST -> leaves = schema();
          case 4 * 16 + CompactReader.LIST -> {
            int n = in.listSize(CompactReader.STRUCT);
            for (int i = 0; i < n; i++) {
              groups.add(rowGroup());
            }
          }
          case 5 * 16 + CompactReader.LIST -> pageRows = pageRows();
          case 6 * 16 + CompactReader.BINARY -> createdBy = in.string();
          case 8 * 16 + CompactReader.STRUCT -> {
            unsupported = true; // encryption
            in.skipField();
          }
          default -> in.skipField();
        }
      }
      in.endStruct();
      if (leaves == null) {
        throw in.corrupt("footer without a schema");
      }
      if (unsupported) {
        return null;
      }
      return new RecordFooter(leaves, groups.toArray(new Group[0]), createdBy, pageRows);
    }

    /** The schema's leaves, or null when a column is nested (left to parquet-java). */
    private Leaf[] schema() throws IOException {
      int n = in.listSize(CompactReader.STRUCT);
      List<Leaf> leaves = new ArrayList<>();
      long declaredChildren = -1;
      for (int i = 0; i < n; i++) {
        int type = -1;
        int repetition = -1;
        String name = null;
        int children = -1;
        in.beginStruct();
        while (in.nextField()) {
          switch (in.fieldId() * 16 + in.fieldType()) {
            case 1 * 16 + CompactReader.I32 -> type = in.i32();
            case 3 * 16 + CompactReader.I32 -> repetition = in.i32();
            case 4 * 16 + CompactReader.BINARY -> name = in.string();
            case 5 * 16 + CompactReader.I32 -> children = in.i32();
            default -> in.skipField();
          }
        }
        in.endStruct();
        if (name == null) {
          throw in.corrupt("schema element " + i + " without a name");
        }
        if (i == 0) {
          declaredChildren = children;
        } else if (children > 0 || type < 0) {
          unsupported = true; // a nested column
        } else {
          leaves.add(new Leaf(name, type, repetition));
        }
      }
      if (n == 0 || declaredChildren != n - 1) {
        unsupported = true; // not a flat schema: let parquet-java judge it
      }
      return leaves.toArray(new Leaf[0]);
    }

    private Group rowGroup() throws IOException {
      List<Chunk> chunks = new ArrayList<>();
      long rows = -1;
      in.beginStruct();
      while (in.nextField()) {
        switch (in.fieldId() * 16 + in.fieldType()) {
          case 1 * 16 + CompactReader.LIST -> {
            int n = in.listSize(CompactReader.STRUCT);
            for (int i = 0; i < n; i++) {
              Chunk c = columnChunk();
              if (c != null) {
                chunks.add(c);
              }
            }
          }
          case 3 * 16 + CompactReader.I64 -> rows = in.i64();
          default -> in.skipField();
        }
      }
      in.endStruct();
      if (rows < 0) {
        throw in.corrupt("row group with " + rows + " rows");
      }
      return new Group(rows, chunks.toArray(new Chunk[0]));
    }

    /** A column chunk, or null (and the footer unsupported) if it is not plain and local. */
    private Chunk columnChunk() throws IOException {
      Chunk meta = null;
      long indexOffset = -1;
      int indexLength = -1;
      in.beginStruct();
      while (in.nextField()) {
        switch (in.fieldId() * 16 + in.fieldType()) {
          case 1 * 16 + CompactReader.BINARY -> {
            in.skipField();
            unsupported = true; // the chunk lives in another file
          }
          case 3 * 16 + CompactReader.STRUCT -> meta = columnMetaData();
          case 4 * 16 + CompactReader.I64 -> indexOffset = in.i64();
          case 5 * 16 + CompactReader.I32 -> indexLength = in.i32();
          case 8 * 16 + CompactReader.STRUCT, 9 * 16 + CompactReader.BINARY -> {
            in.skipField();
            unsupported = true; // encrypted
          }
          default -> in.skipField();
        }
      }
      in.endStruct();
      if (meta == null) {
        unsupported = true;
        return null;
      }
      return new Chunk(
          meta.name,
          meta.codec,
          meta.numValues,
          meta.compressedSize,
          meta.dataPageOffset,
          meta.dictionaryPageOffset,
          meta.nullCount,
          indexOffset,
          indexLength);
    }

    private Chunk columnMetaData() throws IOException {
      String name = null;
      int codec = -1;
      long values = -1;
      long compressed = -1;
      long dataPage = -1;
      long dictPage = -1;
      long nulls = -1;
      in.beginStruct();
      while (in.nextField()) {
        switch (in.fieldId() * 16 + in.fieldType()) {
          case 3 * 16 + CompactReader.LIST -> {
            int n = in.listSize(CompactReader.BINARY);
            for (int i = 0; i < n; i++) {
              String part = in.string();
              name = i == 0 ? part : name + "." + part;
            }
            if (n != 1) {
              unsupported = true;
            }
          }
          case 4 * 16 + CompactReader.I32 -> codec = in.i32();
          case 5 * 16 + CompactReader.I64 -> values = in.i64();
          case 7 * 16 + CompactReader.I64 -> compressed = in.i64();
          case 9 * 16 + CompactReader.I64 -> dataPage = in.i64();
          case 11 * 16 + CompactReader.I64 -> dictPage = in.i64();
          case 12 * 16 + CompactReader.STRUCT -> nulls = nullCount();
          default -> in.skipField();
        }
      }
      in.endStruct();
      if (name == null || codec < 0 || values < 0 || compressed < 0 || dataPage < 0) {
        throw in.corrupt("column metadata without its path, codec, value count, size or offset");
      }
      return new Chunk(name, codec, values, compressed, dataPage, dictPage, nulls, -1, -1);
    }

    private long nullCount() throws IOException {
      long nulls = -1;
      in.beginStruct();
      while (in.nextField()) {
        if (in.fieldId() == 3 && in.fieldType() == CompactReader.I64) {
          nulls = in.i64();
        } else {
          in.skipField();
        }
      }
      in.endStruct();
      return nulls;
    }

    /** refzarr's declared page size from the key-value metadata, or 0. */
    private long pageRows() throws IOException {
      int n = in.listSize(CompactReader.STRUCT);
      long rows = 0;
      for (int i = 0; i < n; i++) {
        String key = null;
        String value = null;
        in.beginStruct();
        while (in.nextField()) {
          switch (in.fieldId() * 16 + in.fieldType()) {
            case 1 * 16 + CompactReader.BINARY -> key = in.string();
            case 2 * 16 + CompactReader.BINARY -> value = in.string();
            default -> in.skipField();
          }
        }
        in.endStruct();
        if (RecordWriter.PAGE_ROWS_KEY.equals(key) && value != null) {
          try {
            rows = Math.max(0, Long.parseLong(value));
          } catch (NumberFormatException e) {
            rows = 0;
          }
        }
      }
      return rows;
    }
  }
}
