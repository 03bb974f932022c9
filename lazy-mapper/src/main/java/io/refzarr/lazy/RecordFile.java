package io.refzarr.lazy;

import io.refzarr.refs.InvalidReferenceSetException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.filter2.columnindex.ColumnIndexStore;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * One record file's footer and block layout. A block is one page of the file when every column has an
 * offset index (refzarr's own files: a lookup then decodes one page per column, not the whole record), else
 * a whole row group (files written by fsspec). Holds no open file: each block read opens the file anew, so
 * evicting this from the cache leaks nothing.
 */
final class RecordFile {
  private final String file;
  private final InputFile input;
  private final ParquetMetadata footer;
  private final Columns[] groupColumns; // per row group: raw left out where statistics say it is all null
  private final long[] blockStarts; // first row of each block, plus the total row count at the end
  private final int[] blockRowGroups;
  private final boolean[] blockIsPage;
  private final long[] rowGroupStarts;
  // per row group: the offset indexes parsed so far, by column; parsed once per file rather than once per
  // page read (parquet-java re-reads and re-parses every column's index on each filtered read otherwise)
  private final java.util.List<ConcurrentHashMap<ColumnPath, OffsetIndex>> offsetIndexes;

  private RecordFile(String file, InputFile input, ParquetMetadata footer, Columns[] groupColumns,
      long[] blockStarts, int[] blockRowGroups, boolean[] blockIsPage, long[] rowGroupStarts) {
    this.file = file;
    this.input = input;
    this.footer = footer;
    this.groupColumns = groupColumns;
    this.blockStarts = blockStarts;
    this.blockRowGroups = blockRowGroups;
    this.blockIsPage = blockIsPage;
    this.rowGroupStarts = rowGroupStarts;
    this.offsetIndexes = new java.util.ArrayList<>(rowGroupStarts.length);
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
      throw new InvalidReferenceSetException(file, "",
          "not a readable Parquet record file (truncated or corrupt?): " + e.getMessage(), e);
    }
  }

  private static RecordFile layout(String file, InputFile input, ParquetFileReader reader, int recordSize)
      throws IOException {
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
      throw new InvalidReferenceSetException(file, "",
          "has " + row + " rows, more than the record_size " + recordSize
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

  /** Whether the row group's statistics show {@code raw} to be null in every row (nothing to decode). */
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
  private static long[] pageStarts(ParquetFileReader reader, BlockMetaData group, Columns columns,
      long declaredPageRows) throws IOException {
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
      // refzarr's own files say their page size, which saves parsing a page index here; a filtered read
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
    try (ParquetFileReader reader = new CachedIndexReader(input.newStream())) {
      int g = blockRowGroups[block];
      reader.setRequestedSchema(groupColumns[g].projection);
      long first = blockStarts[block];
      int count = (int) (blockStarts[block + 1] - first);
      PageReadStore pages;
      if (blockIsPage[block]) {
        long from = first - rowGroupStarts[g];
        pages = reader.readFilteredRowGroup(g, RowRanges.builder().addSelectedRange(from, from + count - 1).build());
        RowBlock direct = decodePages(pages, groupColumns[g], first, from, count);
        if (direct != null) {
          return direct;
        }
        // the pages did not match the block exactly: read again through parquet-java's row synchronisation
        try (ParquetFileReader again = new CachedIndexReader(input.newStream())) {
          again.setRequestedSchema(groupColumns[g].projection);
          return decode(again.readFilteredRowGroup(g,
              RowRanges.builder().addSelectedRange(from, from + count - 1).build()), groupColumns[g], first, count);
        }
      } else {
        pages = reader.readRowGroup(g);
      }
      return decode(pages, groupColumns[g], first, count);
    } catch (InvalidReferenceSetException e) {
      throw e;
    } catch (UncheckedIOException e) { // an offset index that could not be read
      throw new InvalidReferenceSetException(file, "",
          "cannot read rows " + blockStarts[block] + ".." + (blockStarts[block + 1] - 1)
              + " (truncated or corrupt?): " + e.getCause().getMessage(), e.getCause());
    } catch (IOException | RuntimeException e) {
      throw new InvalidReferenceSetException(file, "",
          "cannot read rows " + blockStarts[block] + ".." + (blockStarts[block + 1] - 1)
              + " (truncated or corrupt?): " + e.getMessage(), e);
    }
  }

  /** The number of offset indexes parsed and kept so far (for tests). */
  int cachedOffsetIndexes() {
    return offsetIndexes.stream().mapToInt(Map::size).sum();
  }

  /**
   * A reader whose filtered reads take page locations from this file's parsed offset indexes, reading and
   * parsing each column's index only the first time any page of that row group and column is read.
   */
  private final class CachedIndexReader extends ParquetFileReader {
    private final SeekableInputStream stream;

    CachedIndexReader(SeekableInputStream stream) throws IOException {
      super(input, footer, readOptions(), stream);
      this.stream = stream;
    }

    /** Reads the column's offset index in one piece and parses it, else lets parquet-java do both. */
    private OffsetIndex offsetIndex(ColumnChunkMetaData c) throws IOException {
      org.apache.parquet.internal.hadoop.metadata.IndexReference ref = c.getOffsetIndexReference();
      if (ref != null && !c.isEncrypted() && ref.getLength() > 0 && ref.getLength() < (1 << 24)) {
        byte[] bytes = new byte[ref.getLength()];
        stream.seek(ref.getOffset());
        stream.readFully(bytes);
        OffsetIndex parsed = OffsetIndexes.parse(bytes);
        if (parsed != null) {
          return parsed;
        }
      }
      return readOffsetIndex(c);
    }

    @Override
    public ColumnIndexStore getColumnIndexStore(int blockIndex) {
      BlockMetaData group = getRowGroups().get(blockIndex);
      Map<ColumnPath, OffsetIndex> known = offsetIndexes.get(blockIndex);
      return new ColumnIndexStore() {
        @Override
        public ColumnIndex getColumnIndex(ColumnPath column) {
          return null; // only page locations are needed to read a given row range
        }

        @Override
        public OffsetIndex getOffsetIndex(ColumnPath column) {
          OffsetIndex index = known.get(column);
          if (index != null) {
            return index;
          }
          for (ColumnChunkMetaData c : group.getColumns()) {
            if (c.getPath().equals(column)) {
              try {
                index = offsetIndex(c);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              break;
            }
          }
          if (index == null) {
            throw new ColumnIndexStore.MissingOffsetIndexException(column);
          }
          OffsetIndex prior = known.putIfAbsent(column, index);
          return prior != null ? prior : index;
        }
      };
    }
  }

  /**
   * Decodes a block whose every column is exactly one v1 data page starting at the block's first row (refzarr's
   * own files): values are read straight from each page, without parquet-java's per-row synchronisation of
   * filtered reads. Null if any column's page does not match, so the caller can take the general path.
   */
  private RowBlock decodePages(PageReadStore pages, Columns columns, long first, long from, int count)
      throws IOException {
    BlockDecoder d = new BlockDecoder(count);
    for (ColumnDescriptor c : columns.all()) {
      PageReader pr = pages.getPageReader(c);
      DataPage page = pr.readPage();
      if (!(page instanceof DataPageV1) || page.getValueCount() != count
          || page.getFirstRowIndex().orElse(-1L) != from || c.getMaxRepetitionLevel() != 0) {
        return null;
      }
      DataPageV1 v1 = (DataPageV1) page;
      ByteBufferInputStream in = v1.getBytes().toInputStream();
      ValuesReader rl = v1.getRlEncoding().getValuesReader(c, ValuesType.REPETITION_LEVEL);
      rl.initFromPage(count, in);
      ValuesReader dl = v1.getDlEncoding().getValuesReader(c, ValuesType.DEFINITION_LEVEL);
      dl.initFromPage(count, in);
      ValuesReader values;
      if (v1.getValueEncoding().usesDictionary()) {
        DictionaryPage dictPage = pr.readDictionaryPage();
        if (dictPage == null) {
          return null;
        }
        values = v1.getValueEncoding().getDictionaryBasedValuesReader(c, ValuesType.VALUES,
            dictPage.getEncoding().initDictionary(c, dictPage));
      } else {
        values = v1.getValueEncoding().getValuesReader(c, ValuesType.VALUES);
      }
      values.initFromPage(count, in);
      if (c == columns.path) {
        d.paths(dl, values, c);
      } else if (c == columns.offset) {
        d.longs(dl, values, c, d.offsets);
      } else if (c == columns.size) {
        d.longs(dl, values, c, d.sizes);
      } else {
        d.raw(dl, values, c);
      }
      if (pr.readPage() != null) {
        return null;
      }
    }
    return d.build(first);
  }

  private RowBlock decode(PageReadStore pages, Columns columns, long first, int count) throws IOException {
    String createdBy = footer.getFileMetaData().getCreatedBy();
    ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
        new GroupRecordConverter(columns.projection).getRootConverter(), columns.projection, createdBy);
    BlockDecoder d = new BlockDecoder(count);
    if (columns.path != null) {
      d.paths(store.getColumnReader(columns.path), columns.path);
      d.offsets(store.getColumnReader(columns.offset), columns.offset);
      d.sizes(store.getColumnReader(columns.size), columns.size);
    }
    if (columns.raw != null) {
      d.raw(store.getColumnReader(columns.raw), columns.raw);
    }
    return d.build(first);
  }

  /** Fills the columns of one block from parquet-java column readers. */
  private static final class BlockDecoder {
    private final int count;
    private final int[] pathIds;
    private final long[] offsets;
    private final long[] sizes;
    private byte[][] raw;
    private final java.util.Map<org.apache.parquet.io.api.Binary, Integer> ids = new java.util.HashMap<>();
    private final java.util.List<String> table = new java.util.ArrayList<>();

    BlockDecoder(int count) {
      this.count = count;
      this.pathIds = new int[count];
      Arrays.fill(pathIds, RowBlock.NULL);
      this.offsets = new long[count];
      this.sizes = new long[count];
    }

    void paths(ColumnReader r, ColumnDescriptor c) {
      int max = c.getMaxDefinitionLevel();
      org.apache.parquet.io.api.Binary last = null;
      int lastId = RowBlock.NULL;
      for (int i = 0; i < count; i++) {
        if (r.getCurrentDefinitionLevel() == max) {
          org.apache.parquet.io.api.Binary b = r.getBinary();
          if (b != last) { // dictionary pages hand out the same Binary for the same entry
            lastId = ids.computeIfAbsent(b.copy(), k -> {
              table.add(k.toStringUsingUTF8());
              return table.size() - 1;
            });
            last = b;
          }
          pathIds[i] = lastId;
        }
        r.consume();
      }
    }

    /** The same, from a page's definition levels and values. */
    void paths(ValuesReader dl, ValuesReader values, ColumnDescriptor c) {
      int max = c.getMaxDefinitionLevel();
      org.apache.parquet.io.api.Binary last = null;
      int lastId = RowBlock.NULL;
      for (int i = 0; i < count; i++) {
        if (dl.readInteger() == max) {
          org.apache.parquet.io.api.Binary b = values.readBytes();
          if (b != last) {
            lastId = ids.computeIfAbsent(b.copy(), k -> {
              table.add(k.toStringUsingUTF8());
              return table.size() - 1;
            });
            last = b;
          }
          pathIds[i] = lastId;
        }
      }
    }

    void longs(ValuesReader dl, ValuesReader values, ColumnDescriptor c, long[] out) {
      int max = c.getMaxDefinitionLevel();
      boolean int64 = c.getPrimitiveType().getPrimitiveTypeName()
          == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;
      for (int i = 0; i < count; i++) {
        if (dl.readInteger() == max) {
          out[i] = int64 ? values.readLong() : values.readInteger();
        }
      }
    }

    void raw(ValuesReader dl, ValuesReader values, ColumnDescriptor c) {
      int max = c.getMaxDefinitionLevel();
      for (int i = 0; i < count; i++) {
        if (dl.readInteger() == max) {
          if (raw == null) {
            raw = new byte[count][];
          }
          raw[i] = values.readBytes().getBytes();
        }
      }
    }

    void offsets(ColumnReader r, ColumnDescriptor c) {
      longs(r, c, offsets);
    }

    void sizes(ColumnReader r, ColumnDescriptor c) {
      longs(r, c, sizes);
    }

    private void longs(ColumnReader r, ColumnDescriptor c, long[] out) {
      int max = c.getMaxDefinitionLevel();
      boolean int64 = c.getPrimitiveType().getPrimitiveTypeName()
          == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;
      for (int i = 0; i < count; i++) {
        if (r.getCurrentDefinitionLevel() == max) {
          out[i] = int64 ? r.getLong() : r.getInteger();
        }
        r.consume();
      }
    }

    void raw(ColumnReader r, ColumnDescriptor c) {
      int max = c.getMaxDefinitionLevel();
      for (int i = 0; i < count; i++) {
        if (r.getCurrentDefinitionLevel() == max) {
          if (raw == null) {
            raw = new byte[count][];
          }
          raw[i] = r.getBinary().getBytes();
        }
        r.consume();
      }
    }

    RowBlock build(long first) {
      return new RowBlock(first, table.toArray(new String[0]), pathIds, offsets, sizes, raw);
    }
  }
}
