package io.refzarr.cli;

import static io.refzarr.cli.CliTest.CORPUS;
import static io.refzarr.cli.CliTest.SERIES;
import static io.refzarr.cli.CliTest.SERIES_COMBINED;
import static io.refzarr.cli.CliTest.SERIES_DIMS;
import static io.refzarr.cli.CliTest.assertSeriesCombined;
import static io.refzarr.cli.CliTest.combineSeries;
import static io.refzarr.cli.CliTest.run;
import static io.refzarr.cli.CliTest.runOk;
import static io.refzarr.cli.CliTest.seriesDay;
import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CombineCommandTest {
  private static final String DAYS = SERIES.resolve("day_*.json").toString();

  @Test
  void combine_globOfDailySets_writesKerchunksCombinedKeys(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("combined.json");
    runOk(combineSeries(List.of(DAYS), "-o", out.toString()));

    assertSeriesCombined(ReferenceSets.readJson(out), "pr/3.0.0");
  }

  @Test
  void combine_listFileWithMisalignedCoordinate_failsNamingTheInputs(@TempDir Path dir)
      throws Exception {
    Path list = dir.resolve("inputs.txt");
    Files.writeString(list, seriesDay(1) + "\n" + seriesDay(1) + "\n");
    CliTest.Result r =
        run(combineSeries(List.of("@" + list), "-o", dir.resolve("x.json").toString()));

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("DUPLICATE").contains("day_001.json");
    assertThat(dir.resolve("x.json")).doesNotExist();
  }

  @Test
  void combine_indexCoordinate_writesIntegerCoordinate(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("c.json");

    runOk(
        "combine",
        seriesDay(2).toString(),
        seriesDay(1).toString(),
        "--concat-dim",
        "run",
        "--coo",
        "run=INDEX",
        "--identical-dim",
        "lat",
        "--identical-dim",
        "lon",
        "--drop",
        "time",
        "--root",
        CORPUS.toString(),
        "-o",
        out.toString());

    ReferenceSet combined = ReferenceSets.readJson(out);
    assertThat(
            Json.parse(
                ((io.refzarr.refs.Reference.Inline) combined.get("run/.zarray").orElseThrow())
                    .data()))
        .asString()
        .contains("dtype=<i8");
    assertThat(combined.get("tas/1.0.0.0").orElseThrow().toString()).contains("day_001.nc");
  }

  @Test
  void combine_parquetOutput_readsBackAsTheGoldenReferences(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("combined.parq");

    runOk(combineSeries(List.of(DAYS), "--record-size", "3", "-o", out.toString()));

    ReferenceSet golden = ReferenceSets.readJson(SERIES_COMBINED);
    try (ReferenceSet combined = ReferenceSets.open(out, io.refzarr.refs.ReadOptions.DEFAULT)) {
      for (String key : golden.keys().filter(k -> !k.contains(".z")).collect(Collectors.toList())) {
        assertThat(combined.get(key)).as(key).isEqualTo(golden.get(key));
      }
    }
  }

  @Test
  void scanCombine_seriesFiles_givesTheGoldenCombinedReferences(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("sc.json");
    List<String> args =
        new ArrayList<>(List.of("scan-combine", CORPUS.resolve("series/day_*.nc").toString()));
    args.addAll(SERIES_DIMS);
    args.addAll(List.of("-o", out.toString()));

    runOk(args.toArray(new String[0]));

    ReferenceSet combined = ReferenceSets.readJson(out);
    assertSeriesCombined(combined, "time/0");
    ReferenceSet golden = ReferenceSets.readJson(SERIES_COMBINED);
    for (String key : List.of("tas/0.0.0", "tas/4.0.0", "pr/2.0.0")) {
      io.refzarr.refs.Reference.Range mine =
          (io.refzarr.refs.Reference.Range) combined.get(key).orElseThrow();
      io.refzarr.refs.Reference.Range theirs =
          (io.refzarr.refs.Reference.Range) golden.get(key).orElseThrow();
      assertThat(mine.target()).endsWith(theirs.target());
      assertThat(List.of(mine.offset(), mine.length()))
          .isEqualTo(List.of(theirs.offset(), theirs.length()));
    }
  }

  @Test
  void combine_parquetInputs_equalTheGoldenCombinedReferences(@TempDir Path dir) throws Exception {
    List<String> inputs = new ArrayList<>();
    for (int day = 1; day <= 5; day++) {
      Path parq = dir.resolve("day_00" + day + ".parq");
      io.refzarr.lazy.LazyReferenceSets.write(
          ReferenceSets.readJson(seriesDay(day)), parq, io.refzarr.lazy.WriteOptions.DEFAULT);
      inputs.add(parq.toString());
    }
    Path out = dir.resolve("c.json");

    runOk(combineSeries(inputs, "-o", out.toString()));

    assertSeriesCombined(ReferenceSets.readJson(out), "tas/4.0.0", "time/0");
  }
}
