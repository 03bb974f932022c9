package io.refzarr.lazy;

import io.refzarr.refs.InvalidReferenceSetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.InputFile;

/**
 * One record file's footer and block layout. A block is one page of the file when every column has
 * an offset index (refzarr's own files: a lookup then decodes one page per column, not the whole
 * record), else a whole row group (files written by fsspec). Holds no open file: each block read
 * opens the file anew, so evicting this from the cache leaks nothing.
 *
 * <p>Reading a block: {@link IndexCachingFileReader} finds the pages (offset indexes parsed once
 * per file), {@link SinglePageBlocks} decodes refzarr's one-page blocks directly, and anything else
 * goes through parquet-java's column readers ({@link RowBlockDecoder#fromColumnReaders}).
 */
final class RecordFile {
  private final String file;
  private final InputFile input;
  private final ParquetMetadata footer;
  private final Columns[]
      groupColumns; // per row group: raw left out where statistics say it is all null
  private final long[] blockStarts; // first row of each block, plus the total row count at the end
  private final int[] blockRowGroups;
  private final boolean[] blockIsPage;
  private final long[] rowGroupStarts;
  // per row group: the offset indexes parsed so far, by column; parsed once per file rather than
  // once per
  // page read (parquet-java re-reads and re-parses every column's index on each filtered read
  // otherwise)
  private final List<ConcurrentHashMap<ColumnPath, OffsetIndex>> offsetIndexes;
  private final java.util.concurrent.atomic.LongAdder generalDecodes =
      new java.util.concurrent.atomic.LongAdder();

  private RecordFile(
      String file,
      InputFile input,
      ParquetMetadata footer,
      Columns[] groupColumns,
      long[] blockStarts,
      int[] blockRowGroups,
      boolean[] blockIsPage,
      long[] rowGroupStarts) {
    this.file = file;
    this.input = input;
    this.footer = footer;
    this.groupColumns = groupColumns;
    this.blockStarts = blockStarts;
    this.blockRowGroups = blockRowGroups;
    this.blockIsPage = blockIsPage;
    this.rowGroupStarts = rowGroupStarts;
    this.offsetIndexes = new ArrayList<>(rowGroupStarts.length);
    for (int g = 0; g < rowGroupStarts.length; g++) {
      offsetIndexes.add(new ConcurrentHashMap<>());
    }
  }

  static ParquetReadOptions readOptions() {
    return new ParquetReadOptions.Builder(new PlainParquetConfiguration())
        .withCodecFactory(Codecs.INSTANCE)
        .build();
  }

  /** The layout of a record file, or null if there is no such file (all its chunks are missing). */
  static RecordFile open(RecordSource source, String relative, int recordSize) throws IOException {
    String file = source.describe(relative);
    try {
      InputFile input = source.inputFile(relative);
      if (input == null) {
        return null;
      }
      try (ParquetFileReader reader = ParquetFileReader.open(input, readOptions())) {
        return layout(file, input, reader, recordSize);
      }
    } catch (NoSuchFileException e) {
      return null;
    } catch (InvalidReferenceSetException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidReferenceSetException(
          file,
          "",
          "not a readable Parquet record file (truncated or corrupt?): " + e.getMessage(),
          e);
    }
  }

  private static RecordFile layout(
      String file, InputFile input, ParquetFileReader reader, int recordSize) throws IOException {
    ParquetMetadata footer = reader.getFooter();
    Columns columns = Columns.of(footer.getFileMetaData().getSchema(), file);
    List<BlockMetaData> groups = footer.getBlocks();
    long[] starts = new long[0];
    int[] rgs = new int[0];
    boolean[] pages = new boolean[0];
    long[] rgStarts = new long[groups.size()];
    Columns[] groupColumns = new Columns[groups.size()];
    long row = 0;
    for (int g = 0; g < groups.size(); g++) {
      rgStarts[g] = row;
      groupColumns[g] = rawAllNull(groups.get(g)) ? columns.withoutRaw() : columns;
      long[] local = pageStarts(reader, groups.get(g), columns, declaredPageRows(footer));
      int n = starts.length;
      starts = Arrays.copyOf(starts, n + local.length);
      rgs = Arrays.copyOf(rgs, n + local.length);
      pages = Arrays.copyOf(pages, n + local.length);
      for (int i = 0; i < local.length; i++) {
        starts[n + i] = row + local[i];
        rgs[n + i] = g;
        pages[n + i] = local.length > 1;
      }
      row += groups.get(g).getRowCount();
    }
    if (row > recordSize) {
      throw new InvalidReferenceSetException(
          file,
          "",
          "has "
              + row
              + " rows, more than the record_size "
              + recordSize
              + " of .zmetadata (wrong record_size?)");
    }
    starts = Arrays.copyOf(starts, starts.length + 1);
    starts[starts.length - 1] = row;
    return new RecordFile(file, input, footer, groupColumns, starts, rgs, pages, rgStarts);
  }

  /** The page size refzarr's writer recorded in the file, or 0. */
  private static long declaredPageRows(ParquetMetadata footer) {
    String v = footer.getFileMetaData().getKeyValueMetaData().get(RecordWriter.PAGE_ROWS_KEY);
    try {
      return v == null ? 0 : Math.max(0, Long.parseLong(v));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Whether the row group's statistics show {@code raw} to be null in every row (nothing to
   * decode).
   */
  private static boolean rawAllNull(BlockMetaData group) {
    for (ColumnChunkMetaData c : group.getColumns()) {
      if (c.getPath().toDotString().equals("raw")) {
        org.apache.parquet.column.statistics.Statistics<?> s = c.getStatistics();
        return s != null && s.isNumNullsSet() && s.getNumNulls() == group.getRowCount();
      }
    }
    return false;
  }

  /** Row-group-relative first rows of the pages (one entry, 0, when pages cannot be read alone). */
  private static long[] pageStarts(
      ParquetFileReader reader, BlockMetaData group, Columns columns, long declaredPageRows)
      throws IOException {
    ColumnChunkMetaData first = null;
    for (ColumnChunkMetaData c : group.getColumns()) {
      if (c.getOffsetIndexReference() == null) {
        return new long[] {0};
      }
      if (Arrays.equals(c.getPath().toArray(), columns.first().getPath())) {
        first = c;
      }
    }
    if (declaredPageRows > 0) {
      // refzarr's own files say their page size, which saves parsing a page index here; a filtered
      // read
      // is correct for any row range, so this only has to be a good block size, not exact
      int n = (int) Math.max(1, (group.getRowCount() + declaredPageRows - 1) / declaredPageRows);
      long[] out = new long[n];
      for (int p = 0; p < n; p++) {
        out[p] = p * declaredPageRows;
      }
      return out;
    }
    OffsetIndex index = first == null ? null : reader.readOffsetIndex(first);
    if (index == null || index.getPageCount() == 0) {
      return new long[] {0};
    }
    long[] out = new long[index.getPageCount()];
    for (int p = 0; p < out.length; p++) {
      out[p] = index.getFirstRowIndex(p);
    }
    return out;
  }

  /** The record file's full name. */
  String file() {
    return file;
  }

  /** The block holding {@code row}, or -1 past the file's last row. */
  int blockOf(long row) {
    if (row < 0 || row >= blockStarts[blockStarts.length - 1]) {
      return -1;
    }
    int i = Arrays.binarySearch(blockStarts, 0, blockStarts.length - 1, row);
    return i >= 0 ? i : -i - 2;
  }

  int blockCount() {
    return blockStarts.length - 1;
  }

  /** Heap estimate for the cache. */
  int weight() {
    return 2048 + 24 * blockStarts.length;
  }

  /** Reads and decodes one block. */
  RowBlock readBlock(int block) throws IOException {
    try (ParquetFileReader reader =
        new IndexCachingFileReader(input, footer, readOptions(), offsetIndexes)) {
      int g = blockRowGroups[block];
      reader.setRequestedSchema(groupColumns[g].projection);
      long first = blockStarts[block];
      int count = (int) (blockStarts[block + 1] - first);
      if (blockIsPage[block]) {
        long from = first - rowGroupStarts[g];
        PageReadStore pages =
            reader.readFilteredRowGroup(
                g, RowRanges.builder().addSelectedRange(from, from + count - 1).build());
        RowBlock direct = SinglePageBlocks.decode(pages, groupColumns[g], first, from, count);
        if (direct != null) {
          return direct;
        }
        // the pages did not match the block exactly: read again through parquet-java's row
        // synchronisation
        try (ParquetFileReader again =
            new IndexCachingFileReader(input, footer, readOptions(), offsetIndexes)) {
          again.setRequestedSchema(groupColumns[g].projection);
          return decode(
              again.readFilteredRowGroup(
                  g, RowRanges.builder().addSelectedRange(from, from + count - 1).build()),
              groupColumns[g],
              first,
              count);
        }
      }
      // a whole row group: fsspec's files hold one page per column, which the direct path decodes
      RowBlock direct =
          SinglePageBlocks.decode(reader.readRowGroup(g), groupColumns[g], first, 0, count);
      if (direct != null) {
        return direct;
      }
      try (ParquetFileReader again =
          new IndexCachingFileReader(input, footer, readOptions(), offsetIndexes)) {
        again.setRequestedSchema(groupColumns[g].projection);
        return decode(again.readRowGroup(g), groupColumns[g], first, count);
      }
    } catch (InvalidReferenceSetException e) {
      throw e;
    } catch (UncheckedIOException e) { // an offset index that could not be read
      throw new InvalidReferenceSetException(
          file,
          "",
          "cannot read rows "
              + blockStarts[block]
              + ".."
              + (blockStarts[block + 1] - 1)
              + " (truncated or corrupt?): "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (IOException | RuntimeException e) {
      throw new InvalidReferenceSetException(
          file,
          "",
          "cannot read rows "
              + blockStarts[block]
              + ".."
              + (blockStarts[block + 1] - 1)
              + " (truncated or corrupt?): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * How many block reads went through parquet-java's column readers rather than the direct page
   * path (for tests).
   */
  long generalDecodes() {
    return generalDecodes.sum();
  }

  /** The number of offset indexes parsed and kept so far (for tests). */
  int cachedOffsetIndexes() {
    return offsetIndexes.stream().mapToInt(Map::size).sum();
  }

  private RowBlock decode(PageReadStore pages, Columns columns, long first, int count) {
    generalDecodes.increment();
    return RowBlockDecoder.fromColumnReaders(
        pages, columns, footer.getFileMetaData().getCreatedBy(), first, count);
  }
}
