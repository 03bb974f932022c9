package io.refzarr.cli;

import static io.refzarr.cli.CliTest.SERIES_COMBINED;
import static io.refzarr.cli.CliTest.combineSeries;
import static io.refzarr.cli.CliTest.run;
import static io.refzarr.cli.CliTest.runOk;
import static io.refzarr.cli.CliTest.seriesDay;
import static io.refzarr.cli.CliTest.sortedKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.ReadOptions;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    assertSameReferences(ReferenceSets.readJson(appended), ReferenceSets.readJson(SERIES_COMBINED));
  }

  @Test
  void appendToParquet_inPlace_replacesItWithTheFiveDaySet() throws Exception {
    Path three = combine(dir.resolve("three.parq"), null, 1, 2, 3);
    combine(three, three, 4, 5); // -o names the existing set: replaced once the new one is complete

    try (ReferenceSet five = ReferenceSets.open(three, ReadOptions.DEFAULT)) {
      assertSameReferences(five, ReferenceSets.readJson(SERIES_COMBINED));
    }
  }

  @Test
  void appendOverlappingDay_isRefusedAndTheOutputNotWritten() throws Exception {
    Path three = combine(dir.resolve("three.json"), null, 1, 2, 3);
    Path out = dir.resolve("bad.json");

    CliTest.Result r = run(args(out, three, 3, 4));

    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("day_003");
    assertThat(out).doesNotExist();
  }

  private static Path combine(Path out, Path appendTo, int... days) {
    runOk(args(out, appendTo, days));
    return out;
  }

  private static String[] args(Path out, Path appendTo, int... days) {
    List<String> inputs = new ArrayList<>();
    for (int d : days) {
      inputs.add(seriesDay(d).toString());
    }
    return appendTo == null
        ? combineSeries(inputs, "-o", out.toString())
        : combineSeries(inputs, "--append-to", appendTo.toString(), "-o", out.toString());
  }

  /** Same keys; chunks the same references; metadata equal as JSON text. */
  private static void assertSameReferences(ReferenceSet actual, ReferenceSet expected)
      throws Exception {
    List<String> keys = sortedKeys(expected);
    assertThat(sortedKeys(actual)).isEqualTo(keys);
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
