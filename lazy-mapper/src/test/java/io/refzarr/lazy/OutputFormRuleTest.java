package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.refs.ReferenceOutput;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.SinkOptions;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one output-form rule of {@link ReferenceSets#sink} with this module installed: a {@code
 * .parq} or {@code .parquet} name (any case) or an existing Parquet reference directory is Parquet,
 * anything else JSON.
 */
class OutputFormRuleTest {
  @TempDir Path tmp;

  @Test
  void outputFormat_byNameOrExistingDirectory() throws IOException {
    assertThat(ReferenceSets.outputFormat(tmp.resolve("a.parq"))).isEqualTo("parquet");
    assertThat(ReferenceSets.outputFormat(tmp.resolve("a.PARQUET"))).isEqualTo("parquet");
    assertThat(ReferenceSets.outputFormat(tmp.resolve("a.json"))).isEqualTo("json");
    assertThat(ReferenceSets.outputFormat(tmp.resolve("a"))).isEqualTo("json");
    assertThat(ReferenceSets.outputFormat(tmp.resolve("a.parq.json"))).isEqualTo("json");
    Path plainDir = Files.createDirectory(tmp.resolve("plain"));
    assertThat(ReferenceSets.outputFormat(plainDir)).isEqualTo("json");

    Path refs = tmp.resolve("refs");
    LazyReferenceSets.write(source(), refs, WriteOptions.DEFAULT);
    assertThat(ReferenceSets.outputFormat(refs)).isEqualTo("parquet");
  }

  @Test
  void sink_parquetName_streamsParquetWithTheRecordSize() throws IOException {
    ReferenceSet source = source();
    Path out = tmp.resolve("grid.Parq");
    try (ReferenceOutput sink = ReferenceSets.sink(out, SinkOptions.DEFAULT.withRecordSize(300))) {
      assertThat(sink).isInstanceOf(ParquetReferenceWriter.class);
      ReferenceSets.copy(source, sink);
    }
    assertThat(Files.readString(out.resolve(".zmetadata"))).contains("\"record_size\":300");
    assertThat(out.resolve("grid/refs.3.parq")).exists(); // 1,000 chunks in records of 300
    assertSameReferences(LazyReferenceSets.open(out), source);
  }

  @Test
  void write_existingParquetDirectoryWithoutSuffix_isReplacedByParquet() throws IOException {
    ReferenceSet source = source();
    Path out = tmp.resolve("refs");
    LazyReferenceSets.write(
        ReferenceSets.readJson(Corpus.file("golden/nc4_cf.json")), out, WriteOptions.DEFAULT);

    ReferenceSets.write(source, out, SinkOptions.DEFAULT);

    assertSameReferences(LazyReferenceSets.open(out), source);
  }

  @Test
  void write_failingProducer_leavesNoParquetDirectory() {
    Path out = tmp.resolve("failed.parq");
    assertThatThrownBy(
            () ->
                ReferenceSets.write(
                    out,
                    SinkOptions.DEFAULT,
                    sink -> {
                      ReferenceSets.copy(source(), sink);
                      throw new IOException("producer failed");
                    }))
        .hasMessage("producer failed");
    assertThat(out).doesNotExist();
    assertThat(tmp.toFile().list()).isEmpty();
  }

  private static ReferenceSet source() throws IOException {
    return ReferenceSets.readJson(Corpus.file("golden/hdf5_chunkgrid.json"));
  }

  private static void assertSameReferences(ReferenceSet written, ReferenceSet source)
      throws IOException {
    try (written) {
      List<String> keys = source.keys().sorted().collect(Collectors.toList());
      assertThat(written.keys().sorted().collect(Collectors.toList())).isEqualTo(keys);
      for (String key : keys) {
        if (!key.contains(".z")) {
          assertThat(written.get(key)).as(key).isEqualTo(source.get(key));
        }
      }
    }
  }
}
