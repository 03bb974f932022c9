package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page reads of refzarr's own record files: each column's offset index is parsed once per record
 * file, and pages decoded straight from their values give the references that were written.
 */
class PageReadTest {
  static final int SIDE = 50; // 50 x 50 chunks: 2,500 references, 3 record files of 1,000 rows
  @TempDir static Path tmp;
  static Path dir;
  static ReferenceSet source;

  @BeforeAll
  static void write() throws IOException {
    ReferenceSetBuilder b = ReferenceSets.builder();
    b.putInline(".zgroup", "{\"zarr_format\":2}".getBytes());
    b.putInline(
        "v/.zarray",
        ("{\"shape\":["
                + SIDE * 10
                + ","
                + SIDE * 10
                + "],\"chunks\":[10,10],"
                + "\"dtype\":\"<i2\",\"compressor\":null,\"fill_value\":0,\"filters\":null,\"order\":\"C\","
                + "\"zarr_format\":2}")
            .getBytes());
    for (int i = 0; i < SIDE; i++) {
      for (int j = 0; j < SIDE; j++) {
        int n = i * SIDE + j;
        String key = "v/" + i + "." + j;
        if (n % 11 == 5) {
          continue; // missing
        } else if (n % 13 == 2) {
          b.putInline(key, ("inline " + n).getBytes());
        } else if (n % 17 == 4) {
          b.putTargetRef(key, "whole-" + (n % 3) + ".bin", 0, -1);
        } else {
          b.putTargetRef(key, "part-" + (n % 5) + ".h5", 4096 + 300L * n, 100 + n % 200);
        }
      }
    }
    source = b.build();
    dir = tmp.resolve("paged.parq");
    // 300-row pages: the last page of each record is shorter (1,000 = 3 x 300 + 100)
    LazyReferenceSets.write(
        source, dir, WriteOptions.DEFAULT.withRecordSize(1000).withPageRows(300));
  }

  @Test
  void get_everyKeyOfPagedSet_matchesSourceReferences() throws IOException {
    try (LazyReferenceSet set = LazyReferenceSets.open(dir)) {
      for (int i = 0; i < SIDE; i++) {
        for (int j = 0; j < SIDE; j++) {
          String key = "v/" + i + "." + j;
          Optional<Reference> expected = source.get(key);
          assertThat(set.get(key)).as(key).isEqualTo(expected);
        }
      }
      // records of 1,000, 1,000 and 500 rows: 4 + 4 + 2 pages, each loaded once
      assertThat(set.cacheMetrics().loads()).isEqualTo(10);
    }
  }

  @Test
  void get_randomOrderAcrossRecords_matchesSourceReferences() throws IOException {
    java.util.Random r = new java.util.Random(42);
    try (LazyReferenceSet set =
        LazyReferenceSets.open(dir, LazyOptions.DEFAULT.withMaxCachedBytes(0))) {
      for (int k = 0; k < 500; k++) {
        String key = "v/" + r.nextInt(SIDE) + "." + r.nextInt(SIDE);
        assertThat(set.get(key)).as(key).isEqualTo(source.get(key));
      }
    }
  }

  @Test
  void readBlock_everyPageOfOneFile_parsesEachOffsetIndexOnce() throws IOException {
    RecordFile file = RecordFile.open(RecordSource.of(dir), "v/refs.1.parq", 1000);
    assertThat(file.blockCount()).isEqualTo(4);
    assertThat(file.cachedOffsetIndexes()).isZero();
    RowBlock first = file.readBlock(0);
    int parsed = file.cachedOffsetIndexes();
    assertThat(parsed)
        .isBetween(3, 4); // path, offset, size, and raw unless its statistics say all null
    for (int b = 0; b < file.blockCount(); b++) {
      RowBlock rows = b == 0 ? first : file.readBlock(b);
      assertThat(rows.firstRow()).isEqualTo(300L * b);
      assertThat(rows.rowCount()).isEqualTo(b < 3 ? 300 : 100);
      for (int i = 0; i < rows.rowCount(); i++) {
        long n = 1000 + rows.firstRow() + i;
        String key = "v/" + n / SIDE + "." + n % SIDE;
        assertThat(Optional.ofNullable(rows.reference(i))).as(key).isEqualTo(source.get(key));
      }
    }
    assertThat(file.cachedOffsetIndexes()).isEqualTo(parsed);
    // every block of refzarr's own files is one page per column, decoded without parquet-java's
    // readers; footer and pages are read without parquet-java at all
    assertThat(file.generalDecodes()).isZero();
    assertThat(file.ownFooter()).isTrue();
    assertThat(file.directReads()).isEqualTo(file.blockCount());
  }

  /**
   * Pins the decode path across parquet-java upgrades: fsspec's files (no offset index, one row
   * group of one page per column) are decoded whole-row-group by the direct page path too (through
   * parquet-java's column readers a 100,000-row record took 15-20 ms in a cold CLI) and still give
   * kerchunk's references.
   */
  @Test
  void readBlock_fsspecWrittenRecordFile_takesDirectPagePathWithKerchunksReferences()
      throws IOException {
    Path golden = io.refzarr.testing.Corpus.file("golden/series_combined.parq");
    ReferenceSet json =
        ReferenceSets.readJson(io.refzarr.testing.Corpus.file("golden/series_combined.json"));
    RecordFile file = RecordFile.open(RecordSource.of(golden), "tas/refs.0.parq", 100_000);
    // one row group of 100,000 rows, read a sub-block of 5,000 rows at a time
    assertThat(file.blockCount()).isEqualTo(100_000 / RecordFile.SUB_BLOCK_ROWS);
    RowBlock rows = file.readBlock(0);
    assertThat(file.generalDecodes()).isZero();
    assertThat(file.ownFooter()).isTrue();
    assertThat(file.directReads()).isEqualTo(1);
    io.refzarr.zarr.ChunkGrid grid =
        io.refzarr.zarr.ZarrArrayMetadata.parse(
                ((Reference.Inline) json.get("tas/.zarray").orElseThrow()).data())
            .grid();
    int checked = 0;
    for (int i = 0; i < rows.rowCount() && i < grid.chunkCount(); i++) {
      String key = "tas/" + grid.key(i);
      assertThat(Optional.ofNullable(rows.reference(i))).as(key).isEqualTo(json.get(key));
      checked++;
    }
    assertThat(checked).isEqualTo(grid.chunkCount());
  }

  /**
   * Sub-blocks of a row group that is one page per column: every window of the page (levels,
   * dictionary indexes, delta-packed offsets and plain inline bytes decoded from the page's start
   * to the window's end) gives the references that were written.
   */
  @Test
  void readBlock_subBlocksOfOnePageRowGroup_matchSourceReferences(@TempDir Path out)
      throws IOException {
    Path onePage = out.resolve("one-page.parq");
    LazyReferenceSets.write(
        source, onePage, WriteOptions.DEFAULT.withRecordSize(2_400).withPageRows(2_400));
    int sub = 700;
    RecordFile file = RecordFile.open(RecordSource.of(onePage), "v/refs.0.parq", 2_400, sub);
    assertThat(file.ownFooter()).isTrue();
    assertThat(file.blockCount()).isEqualTo((2_400 + sub - 1) / sub);
    for (int b = file.blockCount() - 1; b >= 0; b--) { // last first: windows with rows before them
      RowBlock rows = file.readBlock(b);
      assertThat(rows.firstRow()).isEqualTo((long) sub * b);
      for (int i = 0; i < rows.rowCount(); i++) {
        long n = rows.firstRow() + i;
        String key = "v/" + n / SIDE + "." + n % SIDE;
        assertThat(Optional.ofNullable(rows.reference(i))).as(key).isEqualTo(source.get(key));
      }
    }
    assertThat(file.generalDecodes()).isZero();
    assertThat(file.directReads()).isEqualTo(file.blockCount());
  }

  @Test
  void parse_writerOffsetIndexes_matchParquetJava() throws IOException {
    org.apache.parquet.io.InputFile in = RecordSource.of(dir).inputFile("v/refs.0.parq");
    try (org.apache.parquet.hadoop.ParquetFileReader r =
            org.apache.parquet.hadoop.ParquetFileReader.open(in, RecordFile.readOptions());
        org.apache.parquet.io.SeekableInputStream s = in.newStream()) {
      int columns = 0;
      for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData c :
          r.getRowGroups().get(0).getColumns()) {
        org.apache.parquet.internal.column.columnindex.OffsetIndex expected = r.readOffsetIndex(c);
        byte[] bytes = new byte[c.getOffsetIndexReference().getLength()];
        s.seek(c.getOffsetIndexReference().getOffset());
        s.readFully(bytes);
        org.apache.parquet.internal.column.columnindex.OffsetIndex parsed =
            OffsetIndexes.parse(bytes);
        assertThat(parsed).as(c.getPath().toDotString()).isNotNull();
        assertThat(parsed.getPageCount()).isEqualTo(expected.getPageCount()).isEqualTo(4);
        for (int i = 0; i < expected.getPageCount(); i++) {
          assertThat(parsed.getOffset(i)).isEqualTo(expected.getOffset(i));
          assertThat(parsed.getCompressedPageSize(i)).isEqualTo(expected.getCompressedPageSize(i));
          assertThat(parsed.getFirstRowIndex(i)).isEqualTo(expected.getFirstRowIndex(i));
        }
        assertThat(OffsetIndexes.parse(java.util.Arrays.copyOf(bytes, bytes.length / 2))).isNull();
        columns++;
      }
      assertThat(columns).isEqualTo(4);
    }
  }

  @Test
  void parse_notAnOffsetIndex_returnsNull() {
    assertThat(OffsetIndexes.parse(new byte[0])).isNull();
    assertThat(OffsetIndexes.parse(new byte[] {0}))
        .isNull(); // an empty struct has no page locations
    assertThat(OffsetIndexes.parse(new byte[] {(byte) 0x19, (byte) 0x15, 0})).isNull(); // list<i32>
  }
}
