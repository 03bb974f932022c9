package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code refzarr scan FILE... --output-dir DIR}: simple parallel on one machine. */
class ScanOutputDirTest {
  @TempDir Path dir;

  @Test
  void scan_globToOutputDir_oneSetPerInputAndASummary() throws Exception {
    Path out = dir.resolve("sets");
    String series = CliTest.CORPUS.resolve("series").toString();
    CliTest.Result r =
        CliTest.run(
            "scan",
            series + "/day_00*.nc",
            CliTest.CORPUS.resolve("nc3_classic.nc").toString(),
            "--output-dir",
            out.toString(),
            "--parallelism",
            "2");

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.text()).contains("6 scanned, 0 skipped objects, 0 failed inputs");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .hasSize(6)
          .allMatch(n -> n.endsWith(".json"))
          .anyMatch(n -> n.endsWith("__series__day_003.nc.json"));
    }
    Path day3 =
        Files.list(out)
            .filter(p -> p.toString().endsWith("__day_003.nc.json"))
            .findFirst()
            .orElseThrow();
    try (ReferenceSet set = ReferenceSets.readJson(day3)) {
      assertThat(set.keys().toList()).contains(".zgroup", "time/.zarray");
    }
  }

  @Test
  void scan_skipPolicyWithABadInput_reportsItAndExitsOne() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.nc"), "not netCDF");
    Path list =
        Files.write(
            dir.resolve("inputs.txt"),
            List.of(
                "# inputs",
                CliTest.CORPUS.resolve("series/day_001.nc").toString(),
                junk.toString()));
    Path report = dir.resolve("report.json");
    CliTest.Result r =
        CliTest.run(
            "scan",
            "@" + list,
            "--output-dir",
            dir.resolve("o").toString(),
            "--error-policy",
            "skip",
            "--format",
            "parquet",
            "--report",
            report.toString());

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.text()).contains("1 scanned, 0 skipped objects, 1 failed inputs");
    assertThat(r.err())
        .contains("refzarr: failed " + junk + ":")
        .contains("not a format refzarr scans");
    try (var files = Files.list(dir.resolve("o"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .singleElement()
          .matches(n -> n.endsWith("__day_001.nc.parq"));
    }
    Map<?, ?> doc = (Map<?, ?>) Json.parse(Files.readAllBytes(report));
    assertThat(doc.get("inputs")).isEqualTo(2L);
    assertThat(doc.get("scanned")).isEqualTo(1L);
    assertThat((List<?>) doc.get("failed"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(((Map<?, ?>) f).get("input")).isEqualTo(junk.toString());
              assertThat((String) ((Map<?, ?>) f).get("reason"))
                  .contains("not a format refzarr scans");
            });
  }

  @Test
  void scan_report_listsEachObjectLeftOutWithItsInputAndReason() throws Exception {
    String file = CliTest.CORPUS.resolve("hdf5_filters.h5").toString();
    Path report = dir.resolve("report.json");
    CliTest.Result r =
        CliTest.run(
            "scan",
            file,
            "--output-dir",
            dir.resolve("o").toString(),
            "--report",
            report.toString());

    assertThat(r.status()).as(r.err()).isZero();
    Map<?, ?> doc = (Map<?, ?>) Json.parse(Files.readAllBytes(report));
    assertThat(doc.get("skipped_objects")).isEqualTo(1L);
    assertThat((List<?>) doc.get("left_out"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(((Map<?, ?>) s).get("input")).isEqualTo(file);
              assertThat(((Map<?, ?>) s).get("object")).isEqualTo("/lzf_i2");
              assertThat((String) ((Map<?, ?>) s).get("reason")).startsWith("filter ");
            });
  }

  @Test
  void scan_failPolicyWithABadInput_namesItAndExitsNonZero() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.nc"), "not netCDF");
    CliTest.Result r =
        CliTest.run(
            "scan",
            junk.toString(),
            CliTest.CORPUS.resolve("series/day_001.nc").toString(),
            "--output-dir",
            dir.resolve("o").toString(),
            "--strict");

    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("cannot scan " + junk);
  }

  @Test
  void scan_severalInputsWithoutOutputDir_refused() throws Exception {
    CliTest.Result r = CliTest.run("scan", "a.nc", "b.nc", "-o", dir.resolve("x.json").toString());

    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("several inputs need --output-dir");
  }
}
