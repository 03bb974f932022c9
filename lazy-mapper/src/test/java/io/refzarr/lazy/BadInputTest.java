package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.ReadOptions;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.source.TargetResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed Parquet reference directories fail with typed errors naming the record file and the
 * key.
 */
class BadInputTest {
  private static final String ZARRAY =
      "{\"shape\":[8],\"chunks\":[1],\"dtype\":\"<i2\",\"compressor\":null,"
          + "\"fill_value\":0,\"filters\":null,\"order\":\"C\",\"zarr_format\":2}";

  @TempDir Path tmp;
  Path dir;
  Path record0;

  @BeforeEach
  void writeGoodSet() throws IOException {
    Files.write(tmp.resolve("data.bin"), new byte[64]);
    var b = ReferenceSets.builder().putInline("a/.zarray", ZARRAY.getBytes());
    for (int i = 0; i < 8; i++) {
      b.putTargetRef("a/" + i, "data.bin", 8L * i, 8);
    }
    dir = tmp.resolve("refs.parq");
    LazyReferenceSets.write(b.build(), dir, WriteOptions.DEFAULT.withRecordSize(4));
    record0 = dir.resolve("a/refs.0.parq");
  }

  @Test
  void open_missingZmetadata_namesTheFile() throws IOException {
    Files.delete(dir.resolve(".zmetadata"));
    assertThatThrownBy(() -> LazyReferenceSets.open(dir))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining(dir.resolve(".zmetadata").toString())
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> ReferenceSets.open(dir, ReadOptions.DEFAULT))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining(".zmetadata");
  }

  @Test
  void open_recordSizeNotAnInteger_namesRecordSize() throws IOException {
    Files.writeString(dir.resolve(".zmetadata"), "{\"metadata\":{},\"record_size\":\"4\"}");
    assertThatThrownBy(() -> LazyReferenceSets.open(dir))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("record_size");
  }

  @Test
  void get_recordSizeSmallerThanFiles_namesRecordFileAndKey() throws IOException {
    Files.writeString(
        dir.resolve(".zmetadata"),
        Files.readString(dir.resolve(".zmetadata"))
            .replace("\"record_size\":4", "\"record_size\":2"));
    try (LazyReferenceSet set = LazyReferenceSets.open(dir)) {
      assertThatThrownBy(() -> set.get("a/1"))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining(record0.toString())
          .hasMessageContaining("a/1")
          .hasMessageContaining("more than the record_size 2");
    }
  }

  @Test
  void get_badRecordFileLoadedOnAPool_reachesTheCallerAsTheSameTypedError() throws IOException {
    Files.writeString(
        dir.resolve(".zmetadata"),
        Files.readString(dir.resolve(".zmetadata"))
            .replace("\"record_size\":4", "\"record_size\":2"));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try (LazyReferenceSet set =
        LazyReferenceSets.open(dir, LazyOptions.DEFAULT.withExecutor(pool))) {
      assertThatThrownBy(() -> set.get("a/1"))
          .isExactlyInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining(record0.toString())
          .hasMessageContaining("a/1")
          .hasMessageContaining("more than the record_size 2");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void get_missingSizeColumn_namesRecordFileAndKey() throws Exception {
    duckDb(
        "COPY (SELECT 'data.bin' AS path, 0::BIGINT AS \"offset\" FROM range(4)) TO '"
            + record0
            + "' (FORMAT parquet)");
    try (LazyReferenceSet set = LazyReferenceSets.open(dir)) {
      assertThatThrownBy(() -> set.get("a/2"))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining(record0.toString())
          .hasMessageContaining("a/2")
          .hasMessageContaining("no \"size\" column");
    }
  }

  @Test
  void get_mistypedOffsetColumn_namesRecordFileKeyAndColumn() throws Exception {
    duckDb(
        "COPY (SELECT 'data.bin' AS path, 'zero' AS \"offset\", 8::BIGINT AS size FROM range(4)) TO '"
            + record0
            + "' (FORMAT parquet)");
    try (LazyReferenceSet set = LazyReferenceSets.open(dir)) {
      assertThatThrownBy(() -> set.get("a/0"))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining(record0.toString())
          .hasMessageContaining("a/0")
          .hasMessageContaining("column \"offset\" has type BINARY, expected INT64");
    }
  }

  @Test
  void get_negativeOffsetRow_namesRecordFileAndKey() throws Exception {
    duckDb(
        "COPY (SELECT 'data.bin' AS path, -8::BIGINT AS \"offset\", 8::BIGINT AS size FROM range(4)) TO '"
            + record0
            + "' (FORMAT parquet)");
    try (LazyReferenceSet set = LazyReferenceSets.open(dir)) {
      assertThatThrownBy(() -> set.get("a/3"))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining(record0.toString())
          .hasMessageContaining("a/3")
          .hasMessageContaining("negative offset");
    }
  }

  @Test
  void get_truncatedRecordFile_namesRecordFileAndKey() throws IOException {
    byte[] whole = Files.readAllBytes(record0);
    Files.write(record0, java.util.Arrays.copyOf(whole, whole.length / 2));
    try (LazyReferenceSet set = LazyReferenceSets.open(dir)) {
      assertThatThrownBy(() -> set.get("a/1"))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining(record0.toString())
          .hasMessageContaining("a/1")
          .hasMessageContaining("truncated or corrupt");
      assertThat(set.get("a/5")).isPresent(); // the other record file is fine
    }
  }

  @Test
  void verifyTargets_rowPastTheEndOfItsTarget_namesRecordFileRowAndKey() throws Exception {
    duckDb(
        "COPY (SELECT 'data.bin' AS path, (range * 8 + CASE WHEN range = 2 THEN 60 ELSE 0 END)::BIGINT"
            + " AS \"offset\", 8::BIGINT AS size FROM range(4)) TO '"
            + record0
            + "' (FORMAT parquet)");
    TargetResolver resolver = new TargetResolver(tmp, "file", Optional.empty());
    try (LazyReferenceSet set = LazyReferenceSets.open(dir);
        ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      assertThatThrownBy(() -> LazyReferenceSets.verifyTargets(set, resolver, sources))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining(record0.toString())
          .hasMessageContaining("a/2")
          .hasMessageContaining("row 2")
          .hasMessageContaining(
              "past the end of its target: bytes 76..83 of data.bin, which has 64 bytes");
    }
  }

  @Test
  void verifyTargets_goodSet_passes() throws IOException {
    TargetResolver resolver = new TargetResolver(tmp, "file", Optional.empty());
    try (LazyReferenceSet set = LazyReferenceSets.open(dir);
        ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      LazyReferenceSets.verifyTargets(set, resolver, sources);
      assertThat(set.get("a/7")).contains(io.refzarr.refs.Reference.range("data.bin", 56, 8));
    }
  }

  @Test
  void write_chunkKeyOutsideTheGrid_failsNamingTheKeyAndLeavesNoOutput() {
    ReferenceSet bad =
        ReferenceSets.builder()
            .putInline("a/.zarray", ZARRAY.getBytes())
            .putTargetRef("a/9", "data.bin", 0, 8)
            .build();
    Path out = tmp.resolve("bad.parq");
    assertThatThrownBy(() -> LazyReferenceSets.write(bad, out, WriteOptions.DEFAULT))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("a/9");
    assertThat(out).doesNotExist();
    assertThat(tmp.toFile().list()).noneMatch(n -> n.startsWith(".bad.parq"));
  }

  @Test
  void open_zmetadataKeyOutsideTheKeyGrammar_isRefusedNamingIt() throws IOException {
    // issue 16 #3: ".." would list the root again, a control character breaks listing
    for (String key :
        new String[] {"../t/.zgroup", "a/./.zattrs", "t\\u0001/.zattrs", "/x/.zattrs"}) {
      Files.writeString(
          dir.resolve(".zmetadata"),
          Files.readString(dir.resolve(".zmetadata"))
              .replace("\"metadata\":{", "\"metadata\":{\"" + key + "\":{},"));
      assertThatThrownBy(() -> LazyReferenceSets.open(dir))
          .as(key)
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining(".zmetadata")
          .hasMessageContaining("key \"" + key.replace("\\u0001", "\\u0001"));
      writeGoodSet();
    }
  }

  @Test
  void write_keyOutsideTheKeyGrammar_isRefusedNamingIt() throws IOException {
    Path out = tmp.resolve("bad.parq");
    try (ParquetReferenceWriter w = LazyReferenceSets.writer(out, WriteOptions.DEFAULT)) {
      assertThatThrownBy(
              () -> w.put("../.zattrs", io.refzarr.refs.Reference.inline("{}".getBytes())))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining("key \"../.zattrs\"");
    }
  }

  @Test
  void keysAndList_hugeShape_listRecordFilesInsteadOfProbingEveryNumber() throws IOException {
    // issue 16 #5: 2^53 + 1 chunks in records of 4 would be 2^51 existence checks
    String zmetadata = Files.readString(dir.resolve(".zmetadata"));
    assertThat(zmetadata).contains("\"shape\":[8]");
    Files.writeString(
        dir.resolve(".zmetadata"),
        zmetadata.replace("\"shape\":[8]", "\"shape\":[9007199254740993]"));
    try (LazyReferenceSet set = LazyReferenceSets.open(dir)) {
      assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(20),
          () -> {
            try (var keys = set.keys();
                var names = set.list("a")) {
              assertThat(keys)
                  .containsExactly(
                      "a/.zarray", "a/0", "a/1", "a/2", "a/3", "a/4", "a/5", "a/6", "a/7");
              assertThat(names).contains("0", "7").hasSize(9);
            }
          });
    }
  }

  @Test
  void listing_truncatedRecordFile_failsWithTheDocumentedExceptions() throws IOException {
    // issue 16 #7: the streams' UncheckedIOException is documented; the file system reports it as
    // NIO does
    byte[] whole = Files.readAllBytes(record0);
    Files.write(record0, java.util.Arrays.copyOf(whole, whole.length / 2));
    try (LazyReferenceSet set = LazyReferenceSets.open(dir)) {
      assertThatThrownBy(() -> set.keys().count())
          .isInstanceOf(java.io.UncheckedIOException.class)
          .cause()
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining(record0.toString());
      try (java.nio.file.FileSystem fs =
              io.refzarr.nio.ReferenceFileSystems.newFileSystem(
                  set, io.refzarr.nio.ReferenceFileSystemConfig.builder().root(tmp).build());
          java.nio.file.DirectoryStream<Path> names = Files.newDirectoryStream(fs.getPath("/a"))) {
        assertThatThrownBy(() -> names.iterator().forEachRemaining(p -> {}))
            .isInstanceOf(java.nio.file.DirectoryIteratorException.class)
            .cause()
            .isInstanceOf(InvalidReferenceSetException.class)
            .hasMessageContaining(record0.toString());
      }
    }
  }

  private static void duckDb(String sql) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      st.execute(sql);
    }
  }
}
