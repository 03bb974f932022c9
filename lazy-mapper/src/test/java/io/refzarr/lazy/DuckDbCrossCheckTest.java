package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import io.refzarr.zarr.ChunkGrid;
import io.refzarr.zarr.ZarrArrayMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB, an independent Parquet reader, reads refzarr's record files: row counts (padded to
 * record_size), column types, nulls, paths, offsets, sizes and raw bytes row by row, compared with
 * the source JSON set by the layout's arithmetic (not through refzarr's reader).
 */
class DuckDbCrossCheckTest {
  @TempDir static Path tmp;
  static Path out;
  static ReferenceSet source;
  static final int RECORD_SIZE = 300;

  @BeforeAll
  static void write() throws IOException {
    source = ReferenceSets.readJson(Corpus.file("golden/hdf5_chunkgrid.json"));
    out = tmp.resolve("grid.parq");
    LazyReferenceSets.write(
        source, out, WriteOptions.DEFAULT.withRecordSize(RECORD_SIZE).withPageRows(64));
  }

  @Test
  void recordFiles_readByDuckDb_paddedRowsAndExpectedValues() throws Exception {
    ChunkGrid grid =
        ZarrArrayMetadata.parse(inline(source.get("grid/.zarray").orElseThrow())).grid();
    long records = (grid.chunkCount() + RECORD_SIZE - 1) / RECORD_SIZE;
    assertThat(records).isEqualTo(4);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      for (long r = 0; r < records; r++) {
        Path file = out.resolve("grid/refs." + r + ".parq");
        assertThat(file).exists();
        assertThat(count(st, "SELECT count(*) FROM read_parquet('" + file + "')"))
            .isEqualTo(RECORD_SIZE);
        Map<Long, Reference> rows = rows(st, file);
        for (int row = 0; row < RECORD_SIZE; row++) {
          long flat = r * RECORD_SIZE + row;
          Reference expected =
              flat < grid.chunkCount() ? source.get("grid/" + grid.key(flat)).orElse(null) : null;
          assertThat(rows.get((long) row)).as("record %d row %d", r, row).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void recordFile_schemaSeenByDuckDb_stringPathInt64OffsetsBinaryRaw() throws SQLException {
    Path file = out.resolve("grid/refs.0.parq");
    Map<String, String> types = new TreeMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
      while (rs.next()) {
        types.put(rs.getString(1), rs.getString(2));
      }
    }
    assertThat(types)
        .containsEntry("path", "VARCHAR")
        .containsEntry("offset", "BIGINT")
        .containsEntry("size", "BIGINT")
        .containsEntry("raw", "BLOB");
  }

  /**
   * fastparquet, fsspec's default engine, types an int64 column as nullable (and returns floats)
   * unless every row group's statistics state a null count of zero: the integer columns must carry
   * them.
   */
  @Test
  void recordFile_statisticsSeenByDuckDb_nullCountsAndBoundsForOffsetAndSize() throws Exception {
    Path file = out.resolve("grid/refs.0.parq");
    Map<String, String> stats = new TreeMap<>();
    String sql =
        "SELECT path_in_schema, stats_null_count, stats_min_value, stats_max_value"
            + " FROM parquet_metadata('"
            + file
            + "')";
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        stats.put(
            rs.getString(1), rs.getString(2) + " " + rs.getString(3) + ".." + rs.getString(4));
      }
    }
    long[] bounds = bounds(source, "grid/", RECORD_SIZE);
    assertThat(stats.get("offset")).isEqualTo("0 " + bounds[0] + ".." + bounds[1]);
    assertThat(stats.get("size")).isEqualTo("0 " + bounds[2] + ".." + bounds[3]);
    assertThat(stats.get("raw")).startsWith("300 ");
  }

  /** Min and max offset, min and max size over the first record's rows (all ranges in this set). */
  private static long[] bounds(ReferenceSet set, String prefix, int rows) throws IOException {
    ChunkGrid grid =
        ZarrArrayMetadata.parse(inline(set.get(prefix + ".zarray").orElseThrow())).grid();
    long[] b = {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
    for (long flat = 0; flat < Math.min(rows, grid.chunkCount()); flat++) {
      Reference.Range r = (Reference.Range) set.get(prefix + grid.key(flat)).orElseThrow();
      b[0] = Math.min(b[0], r.offset());
      b[1] = Math.max(b[1], r.offset());
      b[2] = Math.min(b[2], r.length());
      b[3] = Math.max(b[3], r.length());
    }
    return b;
  }

  @Test
  void inlineAndWholeRows_readByDuckDb_rawBytesAndZeroOffsets() throws Exception {
    ReferenceSet set =
        ReferenceSets.builder()
            .putInline(".zgroup", "{\"zarr_format\":2}".getBytes())
            .putInline(
                "a/.zarray",
                ("{\"shape\":[4],\"chunks\":[1],\"dtype\":\"|u1\",\"compressor\":null,"
                        + "\"fill_value\":0,\"filters\":null,\"order\":\"C\",\"zarr_format\":2}")
                    .getBytes())
            .putInline("a/0", new byte[] {0, (byte) 0xff, 0x7f})
            .putTargetRef("a/1", "memory://whole.bin", 0, -1)
            .putTargetRef("a/2", "s3://bucket/x.nc", 10, 100)
            .build();
    Path small = tmp.resolve("small.parq");
    LazyReferenceSets.write(set, small, WriteOptions.DEFAULT.withRecordSize(4));
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      Map<Long, Reference> rows = rows(st, small.resolve("a/refs.0.parq"));
      assertThat(rows).containsOnlyKeys(0L, 1L, 2L);
      assertThat(rows.get(0L)).isEqualTo(Reference.inline(new byte[] {0, (byte) 0xff, 0x7f}));
      assertThat(rows.get(1L)).isEqualTo(Reference.whole("memory://whole.bin"));
      assertThat(rows.get(2L)).isEqualTo(Reference.range("s3://bucket/x.nc", 10, 100));
      assertThat(
              count(
                  st,
                  "SELECT count(*) FROM read_parquet('"
                      + small.resolve("a/refs.0.parq")
                      + "') WHERE path IS NULL AND raw IS NULL AND \"offset\" = 0 AND size = 0"))
          .isEqualTo(1);
    }
    assertThat(Files.readString(small.resolve(".zmetadata")))
        .isEqualTo(
            "{\"metadata\":{\".zgroup\":{\"zarr_format\":2},\"a/.zarray\":{\"shape\":[4],\"chunks\":[1],"
                + "\"dtype\":\"|u1\",\"compressor\":null,\"fill_value\":0,\"filters\":null,\"order\":\"C\","
                + "\"zarr_format\":2}},\"record_size\":4}");
  }

  /** Row number to the reference DuckDB reads, by fsspec's row rules; empty rows are left out. */
  private static Map<Long, Reference> rows(Statement st, Path file) throws SQLException {
    Map<Long, Reference> out = new TreeMap<>();
    String sql =
        "SELECT file_row_number, path, \"offset\", size, raw FROM read_parquet('"
            + file
            + "', file_row_number = true)";
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        long row = rs.getLong(1);
        String path = rs.getString(2);
        byte[] raw = rs.getBytes(5);
        if (raw != null) {
          out.put(row, Reference.inline(raw));
        } else if (path != null) {
          long off = rs.getLong(3);
          long size = rs.getLong(4);
          out.put(
              row,
              off == 0 && size == 0 ? Reference.whole(path) : Reference.range(path, off, size));
        }
      }
    }
    return out;
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static byte[] inline(Reference ref) {
    return ((Reference.Inline) ref).data();
  }
}
