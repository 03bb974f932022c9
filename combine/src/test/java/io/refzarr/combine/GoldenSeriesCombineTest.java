package io.refzarr.combine;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.internal.json.Json;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import io.refzarr.zarr.ZarrKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daily series combined like kerchunk's golden set, in any input order. */
class GoldenSeriesCombineTest {

  static List<CombineInput> dailyInputs() {
    List<CombineInput> inputs = new ArrayList<>();
    for (int day = 1; day <= 5; day++) {
      inputs.add(CombineInput.of(Corpus.file("golden/series/day_00" + day + ".json")));
    }
    return inputs;
  }

  static CombineSpec.Builder seriesSpec() {
    return CombineSpec.builder()
        .concatDims("time")
        .identicalDims("lat", "lon")
        .targets(ReferenceFileSystemConfig.builder().root(Corpus.dir()).build());
  }

  @Test
  void combine_goldenDailySeries_equalsKerchunkCombinedSet() throws IOException {
    ReferenceSet combined = Combiner.combine(dailyInputs(), seriesSpec().build());
    ReferenceSet golden = ReferenceSets.readJson(Corpus.file("golden/series_combined.json"));

    assertSameReferences(combined, golden);
  }

  @Test
  void combine_inputsReadAgainInSecondPass_equalsKerchunkCombinedSet() throws IOException {
    ReferenceSet combined =
        Combiner.combine(dailyInputs(), seriesSpec().retainSmallInputs(false).build());

    assertSameReferences(
        combined, ReferenceSets.readJson(Corpus.file("golden/series_combined.json")));
  }

  @Test
  void combine_shuffledInputs_writesIdenticalJson() throws IOException {
    byte[] expected = json(Combiner.combine(dailyInputs(), seriesSpec().build()));
    for (long seed = 1; seed <= 4; seed++) {
      List<CombineInput> shuffled = new ArrayList<>(dailyInputs());
      Collections.shuffle(shuffled, new Random(seed));

      byte[] actual =
          json(Combiner.combine(shuffled, seriesSpec().batchSize(2).parallelism(2).build()));

      assertThat(new String(actual)).as("seed %d", seed).isEqualTo(new String(expected));
    }
  }

  @Test
  void combineToJson_goldenDailySeries_writesReadableEqualFile(@TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("combined.json");

    Combiner.combineToJson(dailyInputs(), seriesSpec().build(), out);

    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .containsExactly("combined.json");
    assertSameReferences(
        ReferenceSets.readJson(out),
        ReferenceSets.readJson(Corpus.file("golden/series_combined.json")));
  }

  @Test
  void combine_inlineThresholdAboveChunkSizes_inlinesTheFileBytes() throws IOException {
    ReferenceSet combined =
        Combiner.combine(dailyInputs(), seriesSpec().inlineThreshold(600).build());

    Reference.Range golden =
        (Reference.Range)
            ReferenceSets.readJson(Corpus.file("golden/series_combined.json"))
                .get("tas/0.0.0")
                .orElseThrow();
    byte[] file = Files.readAllBytes(Corpus.file(golden.target()));
    byte[] expected = java.util.Arrays.copyOfRange(file, (int) golden.offset(), (int) golden.end());
    assertThat(golden.length()).isLessThan(600);
    assertThat(combined.get("tas/0.0.0")).contains(new Reference.Inline(expected));
    assertThat(combined.get("pr/0.0.0").orElseThrow()).isInstanceOf(Reference.Range.class);
  }

  static void assertSameReferences(ReferenceSet actual, ReferenceSet expected) throws IOException {
    List<String> keys = expected.keys().sorted().collect(Collectors.toList());
    assertThat(actual.keys().sorted().collect(Collectors.toList())).isEqualTo(keys);
    for (String key : keys) {
      Reference a = actual.get(key).orElseThrow();
      Reference e = expected.get(key).orElseThrow();
      if (ZarrKeys.isMetadataName(ZarrKeys.name(key))) {
        assertThat(Json.parse(((Reference.Inline) a).data()))
            .as(key)
            .isEqualTo(Json.parse(((Reference.Inline) e).data()));
      } else {
        assertThat(a).as(key).isEqualTo(e);
      }
    }
  }

  static byte[] json(ReferenceSet set) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReferenceSets.writeJson(set, out);
    return out.toByteArray();
  }
}
