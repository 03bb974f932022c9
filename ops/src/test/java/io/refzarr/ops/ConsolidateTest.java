package io.refzarr.ops;

import static io.refzarr.ops.OpsFixtures.CORPUS;
import static io.refzarr.ops.OpsFixtures.golden;
import static io.refzarr.ops.OpsFixtures.keys;
import static io.refzarr.ops.OpsFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Retarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolidateTest {
  @TempDir Path tmp;

  private static void assertSameReferences(ReferenceSet want, ReferenceSet got) throws IOException {
    assertThat(keys(got)).isEqualTo(keys(want));
    for (String key : keys(want)) {
      if (want.get(key).orElseThrow() instanceof Reference.Targeted) {
        assertThat(got.get(key)).as(key).isEqualTo(want.get(key));
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void consolidate_factorsTheSharedDirectory_andReadsBackTheSameTargets() throws IOException {
    Path out = tmp.resolve("out.json");
    String dir = CORPUS.resolve("series") + "/";
    try (ReferenceSet golden = golden("series_combined.json")) {
      ReferenceSet set = Retarget.of(golden, t -> CORPUS.resolve(t).toString());
      Summary s = ReferenceOps.consolidate(set, out, 10);
      long targeted =
          keys(set).stream()
              .filter(
                  k -> {
                    try {
                      return set.get(k).orElseThrow() instanceof Reference.Targeted;
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .count();
      assertThat(s.rewritten()).isEqualTo(targeted).isPositive();
      Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readAllBytes(out));
      assertThat(doc.get("templates")).isEqualTo(Map.of("u", dir));
      Map<String, Object> refs = (Map<String, Object>) doc.get("refs");
      assertThat(refs.get("pr/0.0.0"))
          .isEqualTo(
              java.util.List.of(
                  "{{u}}day_001.nc",
                  ((Reference.Range) set.get("pr/0.0.0").orElseThrow()).offset(),
                  ((Reference.Range) set.get("pr/0.0.0").orElseThrow()).length()));
      try (ReferenceSet back = open(out)) {
        assertSameReferences(set, back);
        Path expanded = tmp.resolve("expanded.json");
        ReferenceOps.expandTemplates(back, expanded);
        assertThat(Files.readString(expanded)).doesNotContain("templates").doesNotContain("{{");
        try (ReferenceSet plain = open(expanded)) {
          assertSameReferences(set, plain);
        }
      }
    }
  }

  @Test
  void consolidate_shortDirectories_singleUses_andBraces_stayAsTheyAre() throws IOException {
    ReferenceSet set =
        ReferenceSets.of(
            Map.of(
                "a/0", Reference.range("s3://bucket/long/path/x.nc", 0, 1),
                "a/1", Reference.range("s3://bucket/long/path/y.nc", 0, 1),
                "b/0", Reference.range("s3://other/once/z.nc", 0, 1),
                "c/0", Reference.range("d/x.nc", 0, 1),
                "c/1", Reference.range("d/y.nc", 0, 1),
                "e/0", Reference.range("s3://bucket/long/path/{weird}.nc", 0, 1)));
    Path out = tmp.resolve("out.json");
    assertThat(ReferenceOps.consolidate(set, out, 10).rewritten()).isEqualTo(2);
    assertThat(Files.readString(out))
        .contains("\"templates\":{\"u\":\"s3://bucket/long/path/\"}")
        .contains("\"{{u}}x.nc\"")
        .contains("\"s3://other/once/z.nc\"")
        .contains("\"d/x.nc\"")
        .contains("\"s3://bucket/long/path/{weird}.nc\"");
    try (ReferenceSet back = open(out)) {
      assertSameReferences(set, back);
    }
  }

  @Test
  void consolidate_refusesAParquetOutput() {
    ReferenceSet set = ReferenceSets.of(Map.of("a/0", Reference.range("x.nc", 0, 1)));
    assertThatThrownBy(() -> ReferenceOps.consolidate(set, tmp.resolve("out.parq"), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON");
  }
}
