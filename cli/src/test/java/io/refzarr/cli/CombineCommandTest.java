package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CombineCommandTest {

  @Test
  void combine_globOfDailySets_writesKerchunksCombinedKeys(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("combined.json");
    CliTest.Result r =
        CliTest.run(
            "combine",
            CliTest.CORPUS.resolve("golden/series").resolve("day_*.json").toString(),
            "--concat-dim",
            "time",
            "--identical-dim",
            "lat",
            "--identical-dim",
            "lon",
            "--root",
            CliTest.CORPUS.toString(),
            "-o",
            out.toString());

    assertThat(r.status()).as(r.err()).isZero();
    ReferenceSet golden =
        ReferenceSets.readJson(CliTest.CORPUS.resolve("golden/series_combined.json"));
    ReferenceSet combined = ReferenceSets.readJson(out);
    assertThat(combined.keys().sorted().collect(Collectors.toList()))
        .isEqualTo(golden.keys().sorted().collect(Collectors.toList()));
    assertThat(combined.get("pr/3.0.0")).isEqualTo(golden.get("pr/3.0.0"));
  }

  @Test
  void combine_listFileWithMisalignedCoordinate_failsNamingTheInputs(@TempDir Path dir)
      throws Exception {
    Path list = dir.resolve("inputs.txt");
    Files.writeString(
        list,
        CliTest.CORPUS.resolve("golden/series/day_001.json")
            + "\n"
            + CliTest.CORPUS.resolve("golden/series/day_001.json")
            + "\n");
    CliTest.Result r =
        CliTest.run(
            "combine",
            "@" + list,
            "--concat-dim",
            "time",
            "--identical-dim",
            "lat",
            "--identical-dim",
            "lon",
            "--root",
            CliTest.CORPUS.toString(),
            "-o",
            dir.resolve("x.json").toString());

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("DUPLICATE").contains("day_001.json");
    assertThat(dir.resolve("x.json")).doesNotExist();
  }

  @Test
  void combine_indexCoordinate_writesIntegerCoordinate(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("c.json");

    CliTest.Result r =
        CliTest.run(
            "combine",
            CliTest.CORPUS.resolve("golden/series/day_002.json").toString(),
            CliTest.CORPUS.resolve("golden/series/day_001.json").toString(),
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
            CliTest.CORPUS.toString(),
            "-o",
            out.toString());

    assertThat(r.status()).as(r.err()).isZero();
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

    CliTest.Result r =
        CliTest.run(
            "combine",
            CliTest.CORPUS.resolve("golden/series").resolve("day_*.json").toString(),
            "--concat-dim",
            "time",
            "--identical-dim",
            "lat",
            "--identical-dim",
            "lon",
            "--root",
            CliTest.CORPUS.toString(),
            "--record-size",
            "3",
            "-o",
            out.toString());

    assertThat(r.status()).as(r.err()).isZero();
    ReferenceSet golden =
        ReferenceSets.readJson(CliTest.CORPUS.resolve("golden/series_combined.json"));
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

    CliTest.Result r =
        CliTest.run(
            "scan-combine",
            CliTest.CORPUS.resolve("series").resolve("day_*.nc").toString(),
            "--concat-dim",
            "time",
            "--identical-dim",
            "lat",
            "--identical-dim",
            "lon",
            "-o",
            out.toString());

    assertThat(r.status()).as(r.err()).isZero();
    ReferenceSet golden =
        ReferenceSets.readJson(CliTest.CORPUS.resolve("golden/series_combined.json"));
    ReferenceSet combined = ReferenceSets.readJson(out);
    assertThat(combined.keys().sorted().collect(Collectors.toList()))
        .isEqualTo(golden.keys().sorted().collect(Collectors.toList()));
    for (String key : List.of("tas/0.0.0", "tas/4.0.0", "pr/2.0.0")) {
      io.refzarr.refs.Reference.Range mine =
          (io.refzarr.refs.Reference.Range) combined.get(key).orElseThrow();
      io.refzarr.refs.Reference.Range theirs =
          (io.refzarr.refs.Reference.Range) golden.get(key).orElseThrow();
      assertThat(mine.target()).endsWith(theirs.target());
      assertThat(List.of(mine.offset(), mine.length()))
          .isEqualTo(List.of(theirs.offset(), theirs.length()));
    }
    assertThat(combined.get("time/0")).isEqualTo(golden.get("time/0"));
  }

  @Test
  void combine_parquetInputs_equalTheGoldenCombinedReferences(@TempDir Path dir) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("combine"));
    for (int day = 1; day <= 5; day++) {
      Path parq = dir.resolve("day_00" + day + ".parq");
      io.refzarr.lazy.LazyReferenceSets.write(
          ReferenceSets.readJson(CliTest.CORPUS.resolve("golden/series/day_00" + day + ".json")),
          parq,
          io.refzarr.lazy.WriteOptions.DEFAULT);
      args.add(parq.toString());
    }
    Path out = dir.resolve("c.json");
    args.addAll(
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

    CliTest.Result r = CliTest.run(args.toArray(new String[0]));

    assertThat(r.status()).as(r.err()).isZero();
    ReferenceSet golden =
        ReferenceSets.readJson(CliTest.CORPUS.resolve("golden/series_combined.json"));
    ReferenceSet combined = ReferenceSets.readJson(out);
    assertThat(combined.keys().sorted().collect(Collectors.toList()))
        .isEqualTo(golden.keys().sorted().collect(Collectors.toList()));
    assertThat(combined.get("tas/4.0.0")).isEqualTo(golden.get("tas/4.0.0"));
    assertThat(combined.get("time/0")).isEqualTo(golden.get("time/0"));
  }
}
