package io.refzarr.ops;

import static io.refzarr.ops.OpsFixtures.corpusReader;
import static io.refzarr.ops.OpsFixtures.golden;
import static io.refzarr.ops.OpsFixtures.keys;
import static io.refzarr.ops.OpsFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.SinkOptions;
import io.refzarr.zarr.ZarrArrayMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubchunkTest {
  @TempDir Path tmp;

  /**
   * Every piece of every chunk of the 400x400 grid (chunks 10x16) reads its rows of the original
   * chunk.
   */
  @ParameterizedTest
  @CsvSource({"2, out.json", "5, out.parq", "10, out.json"})
  void subchunk_everyPieceReadsItsRowsOfTheOriginalChunk(int factor, String name)
      throws IOException {
    Path out = tmp.resolve(name);
    try (ReferenceSet set = golden("hdf5_chunkgrid.json");
        ReferenceReader reader = corpusReader()) {
      Summary s =
          ReferenceSets.write(
              out,
              SinkOptions.DEFAULT,
              sink -> ReferenceOps.subchunk(set, "grid", factor, reader, sink));
      assertThat(s.rewritten()).isEqualTo(1001);
      try (ReferenceSet result = open(out)) {
        ZarrArrayMetadata meta =
            ZarrArrayMetadata.parse(
                reader.read("grid/.zarray", result.get("grid/.zarray").orElseThrow()));
        assertThat(meta.chunks()).containsExactly(10 / factor, 16);
        assertThat(meta.shape()).containsExactly(400, 400);
        assertThat(keys(result)).hasSize(4 + 1000 * factor);
        int piece = 10 / factor * 16 * 4;
        for (int i = 0; i < 40; i++) {
          for (int j = 0; j < 25; j++) {
            byte[] chunk =
                reader.read("grid/" + i + "." + j, set.get("grid/" + i + "." + j).orElseThrow());
            for (int k = 0; k < factor; k++) {
              String key = "grid/" + (i * factor + k) + "." + j;
              assertThat(reader.read(key, result.get(key).orElseThrow()))
                  .as(key)
                  .isEqualTo(Arrays.copyOfRange(chunk, k * piece, (k + 1) * piece));
            }
          }
        }
      }
    }
  }

  @Test
  void subchunk_partialLastChunk_dropsPiecesPastTheEnd_andSkipsUnitAxes() throws IOException {
    Files.write(tmp.resolve("d.bin"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    ReferenceSet set =
        ReferenceSets.of(
            Map.of(
                "v/.zarray",
                    Reference.inline(
                        ("{\"shape\":[1,10],\"chunks\":[1,4],\"dtype\":\"|u1\",\"fill_value\":0,"
                                + "\"order\":\"C\",\"filters\":null,\"compressor\":null,\"zarr_format\":2}")
                            .getBytes(StandardCharsets.UTF_8)),
                "v/0.0", Reference.range("d.bin", 0, 4),
                "v/0.1", Reference.range("d.bin", 4, 4),
                "v/0.2", Reference.range("d.bin", 8, 4)));
    Path out = tmp.resolve("out.json");
    try (ReferenceReader reader =
        ReferenceReader.create(ReferenceFileSystemConfig.builder().root(tmp).build())) {
      ReferenceSets.write(
          out, SinkOptions.DEFAULT, sink -> ReferenceOps.subchunk(set, "v", 4, reader, sink));
      try (ReferenceSet result = open(out)) {
        assertThat(keys(result))
            .containsExactly(
                "v/.zarray",
                "v/0.0",
                "v/0.1",
                "v/0.2",
                "v/0.3",
                "v/0.4",
                "v/0.5",
                "v/0.6",
                "v/0.7",
                "v/0.8",
                "v/0.9");
        assertThat(result.get("v/0.9")).contains(Reference.range("d.bin", 9, 1));
      }
    }
  }

  @Test
  void subchunk_refusesCompressedArrays_inlinedChunks_andFactorsThatDoNotDivide()
      throws IOException {
    try (ReferenceSet cf = golden("nc4_cf.json");
        ReferenceSet grid = golden("hdf5_chunkgrid.json");
        ReferenceSet filters = golden("hdf5_filters.json");
        ReferenceReader reader = corpusReader()) {
      assertThatThrownBy(
              () ->
                  ReferenceSets.write(
                      tmp.resolve("a.json"),
                      SinkOptions.DEFAULT,
                      sink -> ReferenceOps.subchunk(cf, "temp", 3, reader, sink)))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining("temp")
          .hasMessageContaining("compressed");
      assertThatThrownBy(
              () ->
                  ReferenceSets.write(
                      tmp.resolve("a.json"),
                      SinkOptions.DEFAULT,
                      sink -> ReferenceOps.subchunk(filters, "nocomp_u2", 2, reader, sink)))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining("nocomp_u2/0 is inlined");
      assertThatThrownBy(
              () ->
                  ReferenceSets.write(
                      tmp.resolve("a.json"),
                      SinkOptions.DEFAULT,
                      sink -> ReferenceOps.subchunk(grid, "grid", 3, reader, sink)))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining("not a multiple of the factor 3");
      assertThat(tmp.resolve("a.json")).doesNotExist();
    }
  }
}
