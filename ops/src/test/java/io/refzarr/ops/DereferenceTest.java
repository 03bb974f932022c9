package io.refzarr.ops;

import static io.refzarr.ops.OpsFixtures.corpusReader;
import static io.refzarr.ops.OpsFixtures.golden;
import static io.refzarr.ops.OpsFixtures.keys;
import static io.refzarr.ops.OpsFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.SinkOptions;
import io.refzarr.source.ReferenceNotReachableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DereferenceTest {
  @TempDir Path tmp;

  /**
   * kerchunk's dereference_archives + consolidate of the same scans: the golden archive sets, key
   * by key.
   */
  @ParameterizedTest
  @CsvSource({
    "tar, day_001, json", "tar, day_002, json", "tar, nc3_classic, json",
    "zip, day_001, json", "zip, day_002, json", "zip, nc3_classic, parq"
  })
  void dereference_chainedScan_equalsKerchunksGoldenSet(String kind, String member, String ext)
      throws IOException {
    Path out = tmp.resolve("out." + ext);
    try (ReferenceSet chained =
            golden("archives/chained/bundle_" + kind + "__" + member + ".json");
        ReferenceSet expected = golden("archives/bundle_" + kind + "/" + member + ".json");
        ReferenceReader reader = corpusReader()) {
      Summary s =
          ReferenceSets.write(
              out, SinkOptions.DEFAULT, sink -> ReferenceOps.dereference(chained, reader, sink));
      assertThat(s.rewritten()).isPositive();
      try (ReferenceSet result = open(out)) {
        assertThat(keys(result)).isEqualTo(keys(expected));
        for (String key : keys(expected)) {
          Reference want = expected.get(key).orElseThrow();
          Reference got = result.get(key).orElseThrow();
          if (want instanceof Reference.Targeted) {
            assertThat(got).as(key).isEqualTo(want);
          } else if (io.refzarr.zarr.ZarrKeys.isMetadataName(io.refzarr.zarr.ZarrKeys.name(key))) {
            assertThat(io.refzarr.internal.json.Json.parse(reader.read(key, got)))
                .as(key)
                .isEqualTo(
                    io.refzarr.internal.json.Json.parse(reader.read(key, want))); // 1e+20 is 1E20
          } else {
            assertThat(reader.read(key, got)).as(key).isEqualTo(reader.read(key, want));
          }
        }
      }
    }
  }

  @Test
  void dereference_deflatedZipMember_isRefusedNamingTheMember() throws IOException {
    Path zip = tmp.resolve("deflated.zip");
    try (java.util.zip.ZipOutputStream out =
        new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("m.bin"));
      out.write(new byte[1000]);
      out.closeEntry();
    }
    ReferenceSet set =
        ReferenceSets.of(Map.of("a/0", Reference.range("zip://m.bin::" + zip.toUri(), 0, 10)));
    try (ReferenceReader reader = corpusReader()) {
      assertThatThrownBy(
              () ->
                  ReferenceSets.write(
                      tmp.resolve("o.json"),
                      SinkOptions.DEFAULT,
                      sink -> ReferenceOps.dereference(set, reader, sink)))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("a/0")
          .hasMessageContaining("m.bin")
          .hasMessageContaining("deflate");
    }
  }

  @Test
  void dereference_wholeMember_becomesTheMembersRange() throws IOException {
    ReferenceSet set =
        ReferenceSets.of(Map.of("x", Reference.whole("tar://day_002.nc::archives/bundle.tar")));
    Path out = tmp.resolve("out.json");
    try (ReferenceReader reader = corpusReader()) {
      ReferenceSets.write(
          out, SinkOptions.DEFAULT, sink -> ReferenceOps.dereference(set, reader, sink));
      try (ReferenceSet result = open(out)) {
        Reference.Range r = (Reference.Range) result.get("x").orElseThrow();
        assertThat(r.target()).isEqualTo("archives/bundle.tar");
        assertThat(reader.read("x", r))
            .isEqualTo(io.refzarr.testing.Corpus.bytes("series/day_002.nc"));
      }
    }
  }

  @Test
  void dereference_missingMember_orRangePastTheMembersEnd_failsNamingKeyAndMember()
      throws IOException {
    try (ReferenceReader reader = corpusReader()) {
      ReferenceSet missing =
          ReferenceSets.of(
              Map.of("a/0", Reference.range("zip://nope.nc::archives/bundle.zip", 0, 4)));
      assertThatThrownBy(
              () ->
                  ReferenceSets.write(
                      tmp.resolve("o.json"),
                      SinkOptions.DEFAULT,
                      sink -> ReferenceOps.dereference(missing, reader, sink)))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("a/0")
          .hasMessageContaining("nope.nc");
      long size = java.nio.file.Files.size(io.refzarr.testing.Corpus.file("series/day_001.nc"));
      ReferenceSet past =
          ReferenceSets.of(
              Map.of("a/1", Reference.range("tar://day_001.nc::archives/bundle.tar", size - 2, 4)));
      assertThatThrownBy(
              () ->
                  ReferenceSets.write(
                      tmp.resolve("o.json"),
                      SinkOptions.DEFAULT,
                      sink -> ReferenceOps.dereference(past, reader, sink)))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("a/1")
          .hasMessageContaining("past the member's end");
      assertThat(tmp.resolve("o.json")).doesNotExist();
    }
  }
}
