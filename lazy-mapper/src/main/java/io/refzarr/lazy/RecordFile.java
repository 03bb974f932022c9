package io.refzarr.lazy;

import io.refzarr.refs.InvalidReferenceSetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * One record file's footer and block layout. A block is one page of the file when every column has
 * an offset index (refzarr's own files: a lookup then decodes one page per column, not the whole
 * record), else a whole row group (files written by fsspec). Holds no open file: each block read
 * opens the file anew, so evicting this from the cache leaks nothing.
 *
 * <p>Two ways in. The footers of the files refzarr and fsspec write (flat columns, no encryption)
 * are parsed by {@link RecordFooter} and their blocks read by {@link DirectPages}: no parquet-java
 * class is loaded, which in a short CLI run was most of a lookup's cost. Any other footer, and any
 * block the direct path does not decode, goes through parquet-java: its footer is parsed when first
 * needed, {@link IndexCachingFileReader} finds the pages, {@link SinglePageBlocks} decodes one-page
 * blocks and anything else goes through parquet-java's column readers ({@link
 * RowBlockDecoder#fromColumnReaders}).
 */
final class RecordFile {
  private static final int PATH = 0;
  private static final int RAW = 3;
  private static final int TAIL = 64 * 1024; // the first read of a footer: all of a small file
  // rows of a block cut from a row group read whole (fsspec's 100,000-row pages): a lookup keeps
  // this many decoded rows, not the row group's
  static final int SUB_BLOCK_ROWS = 5_000;

  private final String file;
  private final InputFile input;
  private final long length;
  private final byte[] whole; // the file's bytes when it is small (read with the footer), or null
  private final RecordFooter own; // null: read through parquet-java only
  private final RecordFooter.Leaf[] roles; // path, offset, size, raw (null where absent)
  private final boolean[] rawNull; // per row group: statistics say raw is null in every row
  private final long[] blockStarts; // first row of each block, plus the total row count at the end
  private final int[] blockRowGroups;
  private final boolean[] blockIsPage;
  private final long[] rowGroupStarts;
  // per row group: the offset indexes parsed so far, by column; parsed once per file rather than
  // once per page read (parquet-java re-reads and re-parses every column's index on each filtered
  // read otherwise)
  private final List<ConcurrentHashMap<String, OffsetIndex>> offsetIndexes;
  private final LongAdder generalDecodes = new LongAdder();
  private final LongAdder directReads = new LongAdder();
  private volatile General general; // parquet-java's footer, parsed when first needed

  /** parquet-java's view of the file. */
  private record General(ParquetMetadata footer, Columns[] groupColumns) {}

  private RecordFile(
      String file,
      InputFile input,
      long length,
      byte[] whole,
      RecordFooter own,
      RecordFooter.Leaf[] roles,
      General general,
      boolean[] rawNull,
      Layout layout) {
    this.file = file;
    this.input = input;
    this.length = length;
    this.whole = whole;
    this.own = own;
    this.roles = roles;
    this.general = general;
    this.rawNull = rawNull;
    this.blockStarts = layout.starts;
    this.blockRowGroups = layout.rowGroups;
    this.blockIsPage = layout.pages;
    this.rowGroupStarts = layout.rowGroupStarts;
    this.offsetIndexes = new ArrayList<>(rowGroupStarts.length);
    for (int g = 0; g < rowGroupStarts.length; g++) {
      offsetIndexes.add(new ConcurrentHashMap<>());
    }
    for (Map.Entry<Integer, Map.Entry<String, OffsetIndex>> e : layout.parsed.entrySet()) {
      offsetIndexes.get(e.getKey()).put(e.getValue().getKey(), e.getValue().getValue());
    }
  }

  static ParquetReadOptions readOptions() {
    return new ParquetReadOptions.Builder(new PlainParquetConfiguration())
        .withCodecFactory(Codecs.INSTANCE)
        .build();
  }

  /** The layout of a record file, or null if there is no such file (all its chunks are missing). */
  static RecordFile open(RecordSource source, String relative, int recordSize) throws IOException {
    return open(source, relative, recordSize, SUB_BLOCK_ROWS);
  }

  /**
   * As {@link #open(RecordSource, String, int)}, with the rows of a sub-block given (for tests).
   */
  static RecordFile open(RecordSource source, String relative, int recordSize, int subBlockRows)
      throws IOException {
    String file = source.describe(relative);
    try {
      InputFile input = source.inputFile(relative);
      if (input == null) {
        return null;
      }
      RecordFile direct = openDirect(file, input, recordSize, subBlockRows);
      if (direct != null) {
        return direct;
      }
      return openGeneral(file, input, recordSize);
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

  /** Opens a file whose footer {@link RecordFooter} reads, or gives null. */
  private static RecordFile openDirect(
      String file, InputFile input, int recordSize, int subBlockRows) throws IOException {
    long length = input.getLength();
    if (length < 12) {
      return null; // parquet-java says what is wrong
    }
    RecordFooter footer;
    byte[] whole;
    try (SeekableInputStream in = input.newStream()) {
      byte[] tail = read(in, length - Math.min(length, TAIL), Math.min(length, TAIL), length);
      int n = tail.length;
      int footerLength = ByteBuffer.wrap(tail, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (tail[n - 4] != 'P'
          || tail[n - 3] != 'A'
          || tail[n - 2] != 'R'
          || tail[n - 1] != '1'
          || footerLength <= 0
          || footerLength > length - 12) {
        return null; // encrypted, or not Parquet: parquet-java's message
      }
      long footerStart = length - 8 - footerLength;
      if (footerLength > n - 8) {
        tail = read(in, footerStart, footerLength + 8L, length);
        n = tail.length;
      }
      footer = RecordFooter.parse(tail, n - 8 - footerLength, n - 8, footerStart);
      whole = tail.length == length ? tail : null;
    }
    if (footer == null) {
      return null;
    }
    RecordFooter.Leaf[] roles = {
      footer.leaf("path"), footer.leaf("offset"), footer.leaf("size"), footer.leaf("raw")
    };
    if (!typed(roles[PATH], RecordFooter.BYTE_ARRAY)
        || !typed(roles[1], RecordFooter.INT64, RecordFooter.INT32)
        || !typed(roles[2], RecordFooter.INT64, RecordFooter.INT32)
        || !typed(roles[RAW], RecordFooter.BYTE_ARRAY)
        || (roles[PATH] != null && (roles[1] == null || roles[2] == null))
        || (roles[PATH] == null && roles[RAW] == null)) {
      return null; // parquet-java's schema and Columns' messages
    }
    RecordFooter.Group[] groups = footer.groups();
    boolean[] rawNull = new boolean[groups.length];
    Layout layout = new Layout(groups.length);
    for (int g = 0; g < groups.length; g++) {
      RecordFooter.Group group = groups[g];
      for (RecordFooter.Leaf leaf : roles) {
        if (leaf != null && group.chunk(leaf.name()) == null) {
          return null;
        }
      }
      if (group.rows() > recordSize - layout.row) { // before any block is laid out for them
        throw tooManyRows(file, layout.row + group.rows(), recordSize);
      }
      RecordFooter.Chunk raw = roles[RAW] == null ? null : group.chunk(roles[RAW].name());
      rawNull[g] = raw != null && raw.nullCount() == group.rows();
      long[] local = pageStarts(input, length, g, group, roles, footer.declaredPageRows(), layout);
      if (local == null) {
        return null;
      }
      if (local.length == 1) { // read whole, decoded a sub-block at a time
        layout.add(group.rows(), declared(group.rows(), subBlockRows), false);
      } else {
        layout.add(group.rows(), local, true);
      }
    }
    layout.finish(file, recordSize);
    return new RecordFile(file, input, length, whole, footer, roles, null, rawNull, layout);
  }

  private static boolean typed(RecordFooter.Leaf leaf, int... types) {
    if (leaf == null) {
      return true;
    }
    for (int t : types) {
      if (leaf.type() == t) {
        return true;
      }
    }
    return false;
  }

  /**
   * Row-group-relative first rows of the pages (one entry, 0, when pages cannot be read alone), or
   * null if the first column's offset index is not one {@link OffsetIndexes} reads.
   */
  private static long[] pageStarts(
      InputFile input,
      long length,
      int g,
      RecordFooter.Group group,
      RecordFooter.Leaf[] roles,
      long declaredPageRows,
      Layout layout)
      throws IOException {
    for (RecordFooter.Chunk c : group.chunks()) {
      if (c.indexOffset() < 0) {
        return new long[] {0};
      }
    }
    if (declaredPageRows > 0) {
      return declared(group.rows(), declaredPageRows);
    }
    RecordFooter.Chunk first = group.chunk((roles[1] != null ? roles[1] : roles[RAW]).name());
    OffsetIndex index;
    try (SeekableInputStream in = input.newStream()) {
      index = OffsetIndexes.parse(read(in, first.indexOffset(), first.indexLength(), length));
    }
    if (index == null) {
      return null;
    }
    OffsetIndexes.checked(index, group.rows(), length, first.name());
    layout.parsed.put(g, Map.entry(first.name(), index));
    if (index.getPageCount() == 0) {
      return new long[] {0};
    }
    long[] out = new long[index.getPageCount()];
    for (int p = 0; p < out.length; p++) {
      out[p] = index.getFirstRowIndex(p);
    }
    return out;
  }

  /**
   * refzarr's own files say their page size, which saves parsing a page index when opening; a block
   * that is not exactly one page is still read correctly (through parquet-java's filtered read), so
   * this only has to be a good block size.
   */
  private static long[] declared(long rows, long pageRows) {
    int n = (int) Math.max(1, Math.min(1 << 20, (rows + pageRows - 1) / pageRows));
    long[] out = new long[n];
    for (int p = 0; p < n; p++) {
      out[p] = p * pageRows;
    }
    return out;
  }

  /** The blocks of a file, row group by row group. */
  private static final class Layout {
    long[] starts = new long[0];
    int[] rowGroups = new int[0];
    boolean[] pages = new boolean[0];
    final long[] rowGroupStarts;
    final Map<Integer, Map.Entry<String, OffsetIndex>> parsed = new java.util.HashMap<>();
    private int group;
    long row; // rows laid out so far

    Layout(int groups) {
      rowGroupStarts = new long[groups];
    }

    void add(long rows, long[] local, boolean isPage) {
      rowGroupStarts[group] = row;
      int n = starts.length;
      starts = Arrays.copyOf(starts, n + local.length);
      rowGroups = Arrays.copyOf(rowGroups, n + local.length);
      pages = Arrays.copyOf(pages, n + local.length);
      for (int i = 0; i < local.length; i++) {
        starts[n + i] = row + local[i];
        rowGroups[n + i] = group;
        pages[n + i] = isPage;
      }
      row += rows;
      group++;
    }

    void finish(String file, int recordSize) throws InvalidReferenceSetException {
      if (row > recordSize) {
        throw tooManyRows(file, row, recordSize);
      }
      starts = Arrays.copyOf(starts, starts.length + 1);
      starts[starts.length - 1] = row;
    }
  }

  private static InvalidReferenceSetException tooManyRows(String file, long rows, int recordSize) {
    return new InvalidReferenceSetException(
        file,
        "",
        "has "
            + rows
            + " rows, more than the record_size "
            + recordSize
            + " of .zmetadata (wrong record_size?)");
  }

  private static RecordFile openGeneral(String file, InputFile input, int recordSize)
      throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(input, readOptions())) {
      ParquetMetadata footer = reader.getFooter();
      Columns columns = Columns.of(footer.getFileMetaData().getSchema(), file);
      List<BlockMetaData> groups = footer.getBlocks();
      boolean[] rawNull = new boolean[groups.size()];
      Layout layout = new Layout(groups.size());
      for (int g = 0; g < groups.size(); g++) {
        if (groups.get(g).getRowCount() > recordSize - layout.row) {
          throw tooManyRows(file, layout.row + groups.get(g).getRowCount(), recordSize);
        }
        rawNull[g] = rawAllNull(groups.get(g));
        long[] local = pageStarts(reader, groups.get(g), columns, declaredPageRows(footer));
        layout.add(groups.get(g).getRowCount(), local, local.length > 1);
      }
      layout.finish(file, recordSize);
      General general = new General(footer, groupColumns(columns, rawNull));
      return new RecordFile(
          file, input, input.getLength(), null, null, null, general, rawNull, layout);
    }
  }

  private static Columns[] groupColumns(Columns columns, boolean[] rawNull) {
    Columns[] out = new Columns[rawNull.length];
    for (int g = 0; g < out.length; g++) {
      out[g] = rawNull[g] ? columns.withoutRaw() : columns;
    }
    return out;
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
      return declared(group.getRowCount(), declaredPageRows);
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

  /**
   * {@code size} bytes at {@code position}, checked against the file's length first (a footer's
   * offsets and sizes are not trusted).
   */
  private static byte[] read(SeekableInputStream in, long position, long size, long length)
      throws IOException {
    if (position < 0 || size < 0 || size > Integer.MAX_VALUE - 8 || position > length - size) {
      throw new IOException(
          size + " bytes at byte " + position + " lie outside the file of " + length + " bytes");
    }
    byte[] b = new byte[(int) size];
    in.seek(position);
    in.readFully(b);
    return b;
  }

  /** Bytes of the file: from the copy kept when it is small, else read. */
  private byte[] read(SeekableInputStream in, long position, long size) throws IOException {
    if (whole == null) {
      return read(in, position, size, length);
    }
    if (position < 0 || size < 0 || position > length - size) {
      throw new IOException(
          size + " bytes at byte " + position + " lie outside the file of " + length + " bytes");
    }
    return Arrays.copyOfRange(whole, (int) position, (int) (position + size));
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
    return 2048 + 24 * blockStarts.length + (whole == null ? 0 : whole.length);
  }

  /** Reads and decodes one block. */
  RowBlock readBlock(int block) throws IOException {
    try {
      if (own != null) {
        RowBlock direct = readDirect(block);
        if (direct != null) {
          directReads.increment();
          return direct;
        }
      }
      return readGeneral(block);
    } catch (InvalidReferenceSetException e) {
      throw e;
    } catch (UncheckedIOException e) { // an offset index that could not be read
      throw cannotRead(block, e.getCause());
    } catch (IOException | RuntimeException e) {
      throw cannotRead(block, e);
    }
  }

  private InvalidReferenceSetException cannotRead(int block, Exception e) {
    return new InvalidReferenceSetException(
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

  /** A block read by {@link DirectPages}, or null if one of its pages needs parquet-java. */
  private RowBlock readDirect(int block) throws IOException {
    int g = blockRowGroups[block];
    long first = blockStarts[block];
    int count = (int) (blockStarts[block + 1] - first);
    RecordFooter.Group group = own.groups()[g];
    RowBlockDecoder d = new RowBlockDecoder(count);
    long skip = first - rowGroupStarts[g];
    try (SeekableInputStream in = whole != null ? null : input.newStream()) {
      for (int role = 0; role < roles.length; role++) {
        RecordFooter.Leaf leaf = roles[role];
        if (leaf == null || (role == RAW && rawNull[g] && roles[PATH] != null)) {
          continue;
        }
        RecordFooter.Chunk chunk = group.chunk(leaf.name());
        boolean done =
            blockIsPage[block]
                ? pageOfChunk(in, g, chunk, leaf, role, skip, d)
                : wholeChunk(in, g, chunk, leaf, role, (int) skip, d);
        if (!done) {
          return null;
        }
      }
    }
    return d.build(first);
  }

  /**
   * Rows {@code skip ..} of a column chunk of one dictionary page (or none) and one data page:
   * fsspec's row groups. The decompressed page is kept for the next block of the same chunk ({@link
   * ChunkBodies}).
   */
  private boolean wholeChunk(
      SeekableInputStream in,
      int g,
      RecordFooter.Chunk chunk,
      RecordFooter.Leaf leaf,
      int role,
      int skip,
      RowBlockDecoder d)
      throws IOException {
    ChunkBodies.Key key = new ChunkBodies.Key(this, g, role);
    ChunkBodies.Body kept = ChunkBodies.get(key);
    int need = Integer.MAX_VALUE;
    if (kept == null) {
      long start = chunk.start();
      byte[] b = read(in, start, chunk.compressedSize());
      DirectPages.Page page = DirectPages.header(b, 0, b.length, start);
      DirectPages.Dictionary dict = null;
      if (page.type() == DirectPages.DICTIONARY_PAGE) {
        dict = dictionary(b, page, chunk, leaf);
        if (dict == null) {
          return false;
        }
        page = DirectPages.header(b, page.end(), b.length, start);
      }
      if (page.end() != b.length || page.numValues() != own.groups()[g].rows()) {
        return false; // more than one data page
      }
      need = DirectPages.bytesFor(page, leaf, role, skip + d.count());
      byte[] body = DirectPages.body(b, page, chunk.codec(), need);
      if (body == null) {
        return false;
      }
      kept = new ChunkBodies.Body(page, b, body, dict);
      ChunkBodies.put(key, kept);
    } else if (kept.body().length < kept.page().uncompressedSize()) {
      need = DirectPages.bytesFor(kept.page(), leaf, role, skip + d.count());
      if (need > kept.body().length) { // at least double, so a walk through the page stays linear
        need = (int) Math.max(need, Math.min(Integer.MAX_VALUE, 2L * kept.body().length));
        kept = kept.withBody(DirectPages.body(kept.bytes(), kept.page(), chunk.codec(), need));
        ChunkBodies.put(key, kept);
      }
    }
    return DirectPages.decode(kept.body(), kept.page(), leaf, role, kept.dict(), d, skip);
  }

  /** The one page of a column chunk that holds exactly the block's rows: refzarr's pages. */
  private boolean pageOfChunk(
      SeekableInputStream in,
      int g,
      RecordFooter.Chunk chunk,
      RecordFooter.Leaf leaf,
      int role,
      long from,
      RowBlockDecoder d)
      throws IOException {
    OffsetIndex index = offsetIndex(in, g, chunk);
    if (index == null) {
      return false;
    }
    int n = index.getPageCount();
    int p = 0;
    while (p < n && index.getFirstRowIndex(p) != from) {
      p++;
    }
    if (p == n) {
      return false;
    }
    long next = p + 1 < n ? index.getFirstRowIndex(p + 1) : own.groups()[g].rows();
    if (next - from != d.count()) {
      return false;
    }
    long position = index.getOffset(p);
    byte[] b = read(in, position, index.getCompressedPageSize(p));
    DirectPages.Page page = DirectPages.header(b, 0, b.length, position);
    if (page.end() != b.length || page.numValues() != d.count()) {
      return false;
    }
    DirectPages.Dictionary dict = null;
    if (DirectPages.usesDictionary(page)) {
      long start = chunk.start();
      long first = index.getOffset(0);
      if (start >= first) {
        return false;
      }
      byte[] dictBytes = read(in, start, first - start);
      DirectPages.Page dictPage = DirectPages.header(dictBytes, 0, dictBytes.length, start);
      dict = dictionary(dictBytes, dictPage, chunk, leaf);
      if (dict == null) {
        return false;
      }
    }
    byte[] body = DirectPages.body(b, page, chunk.codec());
    return body != null && DirectPages.decode(body, page, leaf, role, dict, d, 0);
  }

  private static DirectPages.Dictionary dictionary(
      byte[] b, DirectPages.Page page, RecordFooter.Chunk chunk, RecordFooter.Leaf leaf)
      throws IOException {
    if (page.type() != DirectPages.DICTIONARY_PAGE) {
      return null;
    }
    byte[] body = DirectPages.body(b, page, chunk.codec());
    return body == null ? null : DirectPages.dictionary(body, page, leaf);
  }

  /** The chunk's offset index, parsed once per file, or null if it has none this path reads. */
  private OffsetIndex offsetIndex(SeekableInputStream in, int g, RecordFooter.Chunk chunk)
      throws IOException {
    Map<String, OffsetIndex> known = offsetIndexes.get(g);
    OffsetIndex index = known.get(chunk.name());
    if (index != null) {
      return index;
    }
    if (chunk.indexOffset() < 0 || chunk.indexLength() <= 0) {
      return null;
    }
    index = OffsetIndexes.parse(read(in, chunk.indexOffset(), chunk.indexLength()));
    if (index == null) {
      return null;
    }
    OffsetIndexes.checked(index, own.groups()[g].rows(), length, chunk.name());
    OffsetIndex prior = known.putIfAbsent(chunk.name(), index);
    return prior != null ? prior : index;
  }

  /** parquet-java's footer and columns, parsed on first need. */
  private General general() throws IOException {
    General g = general;
    if (g == null) {
      synchronized (this) {
        g = general;
        if (g == null) {
          try (ParquetFileReader reader = ParquetFileReader.open(input, readOptions())) {
            ParquetMetadata footer = reader.getFooter();
            Columns columns = Columns.of(footer.getFileMetaData().getSchema(), file);
            g = new General(footer, groupColumns(columns, rawNull));
            general = g;
          }
        }
      }
    }
    return g;
  }

  /** A block read through parquet-java's page reader. */
  private RowBlock readGeneral(int block) throws IOException {
    General general = general();
    ParquetMetadata footer = general.footer();
    try (ParquetFileReader reader =
        new IndexCachingFileReader(input, footer, readOptions(), offsetIndexes)) {
      int g = blockRowGroups[block];
      Columns columns = general.groupColumns()[g];
      reader.setRequestedSchema(columns.projection);
      long first = blockStarts[block];
      int count = (int) (blockStarts[block + 1] - first);
      if (blockIsPage[block]) {
        long from = first - rowGroupStarts[g];
        PageReadStore pages =
            reader.readFilteredRowGroup(
                g, RowRanges.builder().addSelectedRange(from, from + count - 1).build());
        RowBlock direct = SinglePageBlocks.decode(pages, columns, first, from, count);
        if (direct != null) {
          return direct;
        }
        // the pages did not match the block exactly: read again through parquet-java's row
        // synchronisation
        try (ParquetFileReader again =
            new IndexCachingFileReader(input, footer, readOptions(), offsetIndexes)) {
          again.setRequestedSchema(columns.projection);
          return decode(
              again.readFilteredRowGroup(
                  g, RowRanges.builder().addSelectedRange(from, from + count - 1).build()),
              general,
              columns,
              first,
              count);
        }
      }
      // a whole row group (of which the block may be a part): fsspec's files hold one page per
      // column, which the direct path decodes
      long groupFirst = rowGroupStarts[g];
      int groupRows = (int) (groupEnd(g) - groupFirst);
      RowBlock rows =
          SinglePageBlocks.decode(reader.readRowGroup(g), columns, groupFirst, 0, groupRows);
      if (rows == null) {
        try (ParquetFileReader again =
            new IndexCachingFileReader(input, footer, readOptions(), offsetIndexes)) {
          again.setRequestedSchema(columns.projection);
          rows = decode(again.readRowGroup(g), general, columns, groupFirst, groupRows);
        }
      }
      return count == groupRows ? rows : rows.slice((int) (first - groupFirst), count);
    }
  }

  /** The row after the last of row group {@code g}. */
  private long groupEnd(int g) {
    return g + 1 < rowGroupStarts.length
        ? rowGroupStarts[g + 1]
        : blockStarts[blockStarts.length - 1];
  }

  /**
   * How many block reads went through parquet-java's column readers rather than a direct page path
   * (for tests).
   */
  long generalDecodes() {
    return generalDecodes.sum();
  }

  /** How many block reads took the direct path, without parquet-java (for tests). */
  long directReads() {
    return directReads.sum();
  }

  /** Whether the footer was parsed by refzarr's own reader (for tests). */
  boolean ownFooter() {
    return own != null;
  }

  /** The number of offset indexes parsed and kept so far (for tests). */
  int cachedOffsetIndexes() {
    return offsetIndexes.stream().mapToInt(Map::size).sum();
  }

  private RowBlock decode(
      PageReadStore pages, General general, Columns columns, long first, int count) {
    generalDecodes.increment();
    return RowBlockDecoder.fromColumnReaders(
        pages, columns, general.footer().getFileMetaData().getCreatedBy(), first, count);
  }
}
