package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.ReadOptions;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code combine --append-to}: three daily sets combined, then two more appended, give the same set
 * as combining all five at once (kerchunk's golden combined set), as JSON and as Parquet.
 */
class AppendCommandTest {
  @TempDir Path dir;

  @Test
  void appendTwoDays_toThreeCombined_identicalToCombiningAllFive() throws Exception {
    Path three = combine(dir.resolve("three.json"), null, 1, 2, 3);
    Path appended = combine(dir.resolve("five.json"), three, 4, 5);
    Path scratch = combine(dir.resolve("scratch.json"), null, 1, 2, 3, 4, 5);

    assertThat(Files.readAllBytes(appended)).isEqualTo(Files.readAllBytes(scratch));
    assertSameReferences(
        ReferenceSets.readJson(appended),
        ReferenceSets.readJson(CliTest.CORPUS.resolve("golden/series_combined.json")));
  }

  @Test
  void appendToParquet_inPlace_replacesItWithTheFiveDaySet() throws Exception {
    Path three = combine(dir.resolve("three.parq"), null, 1, 2, 3);
    combine(three, three, 4, 5); // -o names the existing set: replaced once the new one is complete

    try (ReferenceSet five = ReferenceSets.open(three, ReadOptions.DEFAULT)) {
      assertSameReferences(
          five, ReferenceSets.readJson(CliTest.CORPUS.resolve("golden/series_combined.json")));
    }
  }

  @Test
  void appendOverlappingDay_isRefusedAndTheOutputNotWritten() throws Exception {
    Path three = combine(dir.resolve("three.json"), null, 1, 2, 3);
    Path out = dir.resolve("bad.json");

    CliTest.Result r = CliTest.run(args(out, three, 3, 4));

    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("day_003");
    assertThat(out).doesNotExist();
  }

  private static Path combine(Path out, Path appendTo, int... days) {
    CliTest.Result r = CliTest.run(args(out, appendTo, days));
    assertThat(r.status()).as(r.err()).isZero();
    return out;
  }

  private static String[] args(Path out, Path appendTo, int... days) {
    List<String> a = new ArrayList<>(List.of("combine"));
    for (int d : days) {
      a.add(CliTest.CORPUS.resolve("golden/series/day_00" + d + ".json").toString());
    }
    if (appendTo != null) {
      a.addAll(List.of("--append-to", appendTo.toString()));
    }
    a.addAll(
        List.of(
            "--concat-dim",
            "time",
            "--identical-dim",
            "lat",
            "--identical-dim",
            "lon",
            "--root",
            CliTest.CORPUS.toString(),
            "-o",
            out.toString()));
    return a.toArray(new String[0]);
  }

  /** Same keys; chunks the same references; metadata equal as JSON text. */
  private static void assertSameReferences(ReferenceSet actual, ReferenceSet expected)
      throws Exception {
    List<String> keys = expected.keys().sorted().collect(Collectors.toList());
    assertThat(actual.keys().sorted().collect(Collectors.toList())).isEqualTo(keys);
    for (String key : keys) {
      if (!key.contains(".z")) {
        Reference e = expected.get(key).orElseThrow();
        if (!(e instanceof Reference.Inline)) {
          assertThat(actual.get(key)).as(key).contains(e);
        }
      }
    }
  }
}
