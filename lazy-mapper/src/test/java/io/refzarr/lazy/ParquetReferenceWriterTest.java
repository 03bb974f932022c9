package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import io.refzarr.zarr.ChunkGrid;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming writer: any key order, bounded open records, atomic output. */
class ParquetReferenceWriterTest {
  @TempDir Path tmp;

  @Test
  void put_shuffledKeysWithOneOpenRecord_sameSetAsSortedInput() throws IOException {
    ReferenceSet source = ReferenceSets.readJson(Corpus.file("golden/hdf5_chunkgrid.json"));
    List<String> keys = keys(source);
    Collections.shuffle(keys, new Random(42)); // chunks before their .zarray, records revisited
    WriteOptions tiny =
        WriteOptions.DEFAULT.withRecordSize(100).withMaxOpenRecords(1).withPageRows(30);
    Path shuffled = tmp.resolve("shuffled.parq");
    ParquetReferenceWriter w = LazyReferenceSets.writer(shuffled, tiny);
    for (String key : keys) {
      w.put(key, source.get(key).orElseThrow());
    }
    w.close();
    Path sorted = tmp.resolve("sorted.parq");
    LazyReferenceSets.write(source, sorted, tiny);
    try (LazyReferenceSet a = LazyReferenceSets.open(shuffled);
        LazyReferenceSet b = LazyReferenceSets.open(sorted)) {
      List<String> expected = keys(source).stream().sorted().collect(Collectors.toList());
      assertThat(keys(a).stream().sorted().collect(Collectors.toList())).isEqualTo(expected);
      for (String key : expected) {
        if (!key.contains(".z")) {
          assertThat(a.get(key)).as(key).isEqualTo(source.get(key)).isEqualTo(b.get(key));
        }
      }
    }
  }

  @Test
  void close_outputDirectoryAndFiles_getThePermissionsOfPlainWrites() throws IOException {
    Path plainDir = Files.createDirectory(tmp.resolve("plain"));
    Path plainFile = Files.writeString(plainDir.resolve("f"), "x");
    Path out = tmp.resolve("modes.parq");
    LazyReferenceSets.write(
        ReferenceSets.readJson(Corpus.file("golden/nc4_cf.json")), out, WriteOptions.DEFAULT);
    try (Stream<Path> all = Files.walk(out)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path plain = Files.isDirectory(p) ? plainDir : plainFile;
        assertThat(Files.getPosixFilePermissions(p))
            .as(p.toString())
            .isEqualTo(Files.getPosixFilePermissions(plain));
      }
    }
  }

  @Test
  void put_sameKeyTwice_lastWins() throws IOException {
    Path out = tmp.resolve("twice.parq");
    ParquetReferenceWriter w =
        LazyReferenceSets.writer(out, WriteOptions.DEFAULT.withRecordSize(2));
    w.put("v/.zarray", Reference.inline(zarray(4).getBytes()));
    w.put("v/0", Reference.range("a.nc", 1, 2));
    w.put("v/1", Reference.range("a.nc", 3, 4)); // completes record 0: written at once
    w.put("v/0", Reference.inline(new byte[] {9}));
    w.close();
    try (LazyReferenceSet set = LazyReferenceSets.open(out)) {
      assertThat(set.get("v/0")).contains(Reference.inline(new byte[] {9}));
      assertThat(set.get("v/1")).contains(Reference.range("a.nc", 3, 4));
      assertThat(set.get("v/2")).isEmpty();
      assertThat(set.kind("v/2")).isEqualTo(ReferenceSet.Kind.ABSENT);
      assertThat(Files.exists(out.resolve("v/refs.1.parq"))).isFalse();
    }
  }

  @Test
  void putChunk_byGridIndex_sameAsPutByKey() throws IOException {
    Path out = tmp.resolve("index.parq");
    ParquetReferenceWriter w =
        LazyReferenceSets.writer(out, WriteOptions.DEFAULT.withRecordSize(3));
    w.putChunk(
        "g/v", new long[] {1}, Reference.range("early.nc", 5, 6)); // before its .zarray: waits
    w.put("g/v/.zarray", Reference.inline(zarray(5).getBytes()));
    w.putChunk("g/v", new long[] {4}, Reference.range("a.nc", 7, 8));
    assertThatThrownBy(() -> w.putChunk("g/v", new long[] {5}, Reference.range("a.nc", 0, 1)))
        .hasMessageContaining("g/v/5")
        .hasMessageContaining("outside the chunk grid");
    w.close();
    try (LazyReferenceSet set = LazyReferenceSets.open(out)) {
      assertThat(set.get("g/v/1")).contains(Reference.range("early.nc", 5, 6));
      assertThat(set.get("g/v/4")).contains(Reference.range("a.nc", 7, 8));
      assertThat(out.resolve("g/v/refs.1.parq")).exists(); // chunk 4 is row 1 of record 1
    }
  }

  @Test
  void expectChunks_chunksBeforeTheirZarray_storedAsTheyCome() throws IOException {
    Path out = tmp.resolve("expect.parq");
    ParquetReferenceWriter w =
        LazyReferenceSets.writer(out, WriteOptions.DEFAULT.withRecordSize(3));
    w.putChunk("g/v", new long[] {4}, Reference.range("a.nc", 40, 4)); // waits: no grid yet
    w.expectChunks("g/v", ChunkGrid.of(new long[] {5}, new long[] {1}, '.'));
    for (int i = 0; i < 3; i++) {
      w.putChunk("g/v", new long[] {i}, Reference.range("a.nc", 10L * i, 4));
    }
    assertThat(staged("g/v/refs.0.parq")).as("a complete record is written at once").isTrue();
    w.put("g/v/3", Reference.range("a.nc", 30, 4));
    w.put("g/v/.zarray", Reference.inline(zarray(5).getBytes()));
    w.close();
    try (LazyReferenceSet set = LazyReferenceSets.open(out)) {
      for (int i = 0; i < 5; i++) {
        assertThat(set.get("g/v/" + i)).contains(Reference.range("a.nc", 10L * i, 4));
      }
    }
  }

  @Test
  void expectChunks_scalarArray_itsOneChunkByTheEmptyIndex() throws IOException {
    Path out = tmp.resolve("scalar.parq");
    ParquetReferenceWriter w = LazyReferenceSets.writer(out, WriteOptions.DEFAULT);
    w.expectChunks("s", ChunkGrid.of(new long[0], new long[0], '.'));
    w.putChunk("s", new long[0], Reference.range("a.nc", 8, 8));
    w.put(
        "s/.zarray",
        Reference.inline(zarray(5).replace("[5]", "[]").replace("[1]", "[]").getBytes()));
    w.close();
    try (LazyReferenceSet set = LazyReferenceSets.open(out)) {
      assertThat(set.get("s/0")).contains(Reference.range("a.nc", 8, 8));
    }
  }

  @Test
  void expectChunks_zarrayNeverCameOrOfAnotherGrid_fails() throws IOException {
    ParquetReferenceWriter missing =
        LazyReferenceSets.writer(tmp.resolve("m.parq"), WriteOptions.DEFAULT);
    missing.expectChunks("v", ChunkGrid.of(new long[] {2}, new long[] {1}, '.'));
    missing.putChunk("v", new long[] {0}, Reference.range("a.nc", 1, 2));
    assertThatThrownBy(missing::close)
        .hasMessageContaining("v/.zarray")
        .hasMessageContaining("not its .zarray");
    ParquetReferenceWriter other =
        LazyReferenceSets.writer(tmp.resolve("o.parq"), WriteOptions.DEFAULT);
    other.expectChunks("v", ChunkGrid.of(new long[] {2}, new long[] {1}, '.'));
    other.putChunk("v", new long[] {0}, Reference.range("a.nc", 1, 2));
    assertThatThrownBy(() -> other.put("v/.zarray", Reference.inline(zarray(3).getBytes())))
        .hasMessageContaining("v/.zarray")
        .hasMessageContaining("changed after its chunks were written");
    other.abort();
    assertThat(siblings()).isEmpty();
  }

  @Test
  void put_zeroLengthRangeAndDefaultTarget_readBackAsWritten() throws IOException {
    Path out = tmp.resolve("edge.parq");
    ParquetReferenceWriter w = LazyReferenceSets.writer(out, WriteOptions.DEFAULT);
    w.put("v/.zarray", Reference.inline(zarray(3).getBytes()));
    w.put("v/0", Reference.range("a.nc", 0, 0));
    w.put("v/1", Reference.range(Reference.DEFAULT_TARGET, 10, 5));
    w.put("v/2", Reference.whole("b.nc"));
    w.close();
    try (LazyReferenceSet set = LazyReferenceSets.open(out)) {
      assertThat(set.get("v/0")).contains(Reference.inline(new byte[0]));
      assertThat(set.get("v/1")).contains(Reference.range(Reference.DEFAULT_TARGET, 10, 5));
      assertThat(set.get("v/2")).contains(Reference.whole("b.nc"));
    }
  }

  @Test
  void close_beforeClose_outputDoesNotExist() throws IOException {
    Path out = tmp.resolve("atomic.parq");
    ParquetReferenceWriter w =
        LazyReferenceSets.writer(out, WriteOptions.DEFAULT.withRecordSize(1));
    w.put("v/.zarray", Reference.inline(zarray(2).getBytes()));
    w.put("v/0", Reference.range("a.nc", 1, 2)); // a complete record, already written aside
    assertThat(out).doesNotExist();
    w.close();
    assertThat(out.resolve("v/refs.0.parq")).exists();
    assertThat(out.resolve(".zmetadata")).exists();
    assertThat(siblings()).containsExactly("atomic.parq");
  }

  @Test
  void abort_existingOutput_leftUntouched() throws IOException {
    Path out = tmp.resolve("keep.parq");
    write(out, "old.nc");
    ParquetReferenceWriter w = LazyReferenceSets.writer(out, WriteOptions.DEFAULT);
    w.put("v/.zarray", Reference.inline(zarray(2).getBytes()));
    w.put("v/0", Reference.range("new.nc", 1, 2));
    w.abort();
    try (LazyReferenceSet set = LazyReferenceSets.open(out)) {
      assertThat(set.get("v/0")).contains(Reference.range("old.nc", 1, 2));
    }
    assertThat(siblings()).containsExactly("keep.parq");
  }

  @Test
  void close_existingParquetOutput_replacedWhole() throws IOException {
    Path out = tmp.resolve("replace.parq");
    write(out, "old.nc");
    Files.writeString(out.resolve("stray.txt"), "from the old output");
    write(out, "new.nc");
    try (LazyReferenceSet set = LazyReferenceSets.open(out)) {
      assertThat(set.get("v/0")).contains(Reference.range("new.nc", 1, 2));
    }
    assertThat(out.resolve("stray.txt")).doesNotExist();
    assertThat(siblings()).containsExactly("replace.parq");
  }

  @Test
  void close_outputIsANonParquetDirectory_refusedAndDirectoryKept() throws IOException {
    Path out = tmp.resolve("mine");
    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.txt"), "keep me");
    assertThatThrownBy(() -> write(out, "a.nc"))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("not a Parquet reference directory");
    assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("keep me");
    assertThat(siblings()).containsExactly("mine");
  }

  @Test
  void close_chunkWithoutZarray_failsNamingKey() throws IOException {
    ParquetReferenceWriter w =
        LazyReferenceSets.writer(tmp.resolve("x.parq"), WriteOptions.DEFAULT);
    w.put("orphan/0.0", Reference.range("a.nc", 1, 2));
    assertThatThrownBy(w::close)
        .hasMessageContaining("orphan/0.0")
        .hasMessageContaining("no .zarray");
    assertThat(siblings()).isEmpty();
  }

  @Test
  void put_metadataNotAnObject_failsNamingKey() throws IOException {
    ParquetReferenceWriter w =
        LazyReferenceSets.writer(tmp.resolve("x.parq"), WriteOptions.DEFAULT);
    assertThatThrownBy(() -> w.put("v/.zattrs", Reference.inline("[1,2]".getBytes())))
        .hasMessageContaining("v/.zattrs")
        .hasMessageContaining("JSON objects");
    w.abort();
  }

  private void write(Path out, String target) throws IOException {
    ReferenceSet set =
        ReferenceSets.builder()
            .putInline("v/.zarray", zarray(2).getBytes())
            .putTargetRef("v/0", target, 1, 2)
            .build();
    LazyReferenceSets.write(set, out, WriteOptions.DEFAULT);
  }

  // Whether the writer's hidden staging directory (the one sibling of the output) holds the file.
  private boolean staged(String file) throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.anyMatch(p -> Files.exists(p.resolve(file)));
    }
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  static String zarray(int n) {
    return "{\"shape\":["
        + n
        + "],\"chunks\":[1],\"dtype\":\"<i2\",\"compressor\":null,\"fill_value\":0,"
        + "\"filters\":null,\"order\":\"C\",\"zarr_format\":2}";
  }

  static List<String> keys(ReferenceSet set) throws IOException {
    try (Stream<String> s = set.keys()) {
      return new ArrayList<>(s.collect(Collectors.toList()));
    }
  }
}
