package io.refzarr.refs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReferenceSets#sink} without any other installed form (refs-nio alone): every output is
 * JSON, written atomically on close and not at all on abort. The Parquet side of the rule is tested
 * in lazy-mapper.
 */
class ReferenceOutputTest {
  private static final Reference CHUNK = Reference.range("f.nc", 8, 4);
  private static final Reference ZGROUP =
      Reference.inline("{\"zarr_format\":2}".getBytes(StandardCharsets.UTF_8));

  @Test
  void sink_json_appearsOnCloseWithThePutReferences(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("sub/refs.json");
    assertThat(ReferenceSets.outputFormat(out)).isEqualTo("json");
    ReferenceOutput sink = ReferenceSets.sink(out, SinkOptions.DEFAULT);
    sink.put(".zgroup", ZGROUP);
    sink.put("x", CHUNK);
    assertThat(out).doesNotExist();

    sink.close();

    ReferenceSet read = ReferenceSets.readJson(out);
    assertThat(read.keys().sorted()).containsExactly(".zgroup", "x");
    assertThat(read.get("x")).contains(CHUNK);
  }

  @Test
  void sink_parquetNameWithoutParquetInstalled_isJson(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("refs.parq");
    assertThat(ReferenceSets.outputFormat(out)).isEqualTo("json");
    ReferenceSets.write(
        out,
        SinkOptions.DEFAULT,
        sink -> {
          sink.put("x", CHUNK);
          return null;
        });
    assertThat(ReferenceSets.readJson(out).get("x")).contains(CHUNK);
  }

  @Test
  void write_failingProducer_leavesTheExistingOutputAndNoTemporaries(@TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("refs.json");
    Files.writeString(out, "old");

    assertThatThrownBy(
            () ->
                ReferenceSets.write(
                    out,
                    SinkOptions.DEFAULT,
                    sink -> {
                      sink.put("x", CHUNK);
                      throw new IOException("producer failed");
                    }))
        .hasMessage("producer failed");

    assertThat(Files.readString(out)).isEqualTo("old");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.toList()).containsExactly(out);
    }
  }

  @Test
  void write_returnsTheProducersResult(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("refs.json");
    List<String> result =
        ReferenceSets.write(
            out,
            SinkOptions.DEFAULT,
            sink -> {
              sink.putChunk("a", new long[] {1, 2}, CHUNK);
              return List.of("done");
            });
    assertThat(result).containsExactly("done");
    assertThat(ReferenceSets.readJson(out).get("a/1.2")).contains(CHUNK);
  }

  @Test
  void sink_afterClose_refusesPuts(@TempDir Path dir) throws IOException {
    ReferenceOutput sink = ReferenceSets.sink(dir.resolve("r.json"), SinkOptions.DEFAULT);
    sink.close();
    assertThatThrownBy(() -> sink.put("x", CHUNK)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sinkOptions_recordSizeMustBePositive() {
    assertThatThrownBy(() -> SinkOptions.DEFAULT.withRecordSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recordSize");
  }
}
