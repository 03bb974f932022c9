package io.refzarr.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simple parallel: many inputs, one output each, the same references as one scan each. */
class ScanAllTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @TempDir Path tmp;

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static List<ScanInput> series() {
    List<ScanInput> out = new ArrayList<>();
    for (int d = 1; d <= 5; d++) {
      out.add(ScanInput.of(Corpus.file("series/day_00" + d + ".nc").toString()));
    }
    return out;
  }

  private static Map<String, Reference> scanned(ScanInput in) throws IOException {
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      ReferenceSetBuilder b = ReferenceSets.builder();
      Scanners.scan(in, sources, ScanOptions.DEFAULT, b);
      return asMap(b.build());
    }
  }

  private static Map<String, Reference> asMap(ReferenceSet set) throws IOException {
    Map<String, Reference> out = new java.util.TreeMap<>();
    for (String k : set.keys().toList()) {
      out.put(k, set.get(k).orElseThrow());
    }
    return out;
  }

  @Test
  void scanAll_series_writesOneSetPerInputEqualToItsOwnScan() throws IOException {
    List<ScanInput> inputs = series();
    ScanAllReport report = Scanners.scanAll(inputs, tmp, ScanAllOptions.DEFAULT, POOL);

    assertThat(report.scanned()).hasSize(5);
    assertThat(report.failed()).isEmpty();
    for (ScanAllReport.Outcome o : report.outcomes()) {
      ScanInput in = inputs.get(report.outcomes().indexOf(o));
      assertThat(o.input()).isEqualTo(in.url());
      assertThat(asMap(ReferenceSets.readJson(tmp.resolve(o.output())))).isEqualTo(scanned(in));
    }
  }

  @Test
  void scanAll_skipPolicy_reportsTheUnreadableInputAndScansTheRest() throws IOException {
    Path junk = Files.writeString(tmp.resolve("junk.nc"), "not a netCDF file");
    List<ScanInput> inputs = new ArrayList<>(series());
    inputs.add(2, ScanInput.of(junk.toString()));
    inputs.add(ScanInput.of(tmp.resolve("missing.nc").toString()));
    ScanAllOptions skip =
        ScanAllOptions.DEFAULT.withScan(ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP));

    ScanAllReport report = Scanners.scanAll(inputs, tmp.resolve("out"), skip, POOL);

    assertThat(report.scanned()).hasSize(5);
    assertThat(report.failed())
        .extracting(ScanAllReport.Outcome::input)
        .containsExactly(junk.toString(), tmp.resolve("missing.nc").toString());
    assertThat(report.failed().get(0).failure()).contains("not a format refzarr scans");
    assertThat(report.summary()).isEqualTo("5 scanned, 0 skipped objects, 2 failed inputs");
    assertThat(tmp.resolve("out").resolve(report.failed().get(0).output())).doesNotExist();
  }

  @Test
  void scanAll_failPolicy_stopsWithTheInputNamed() throws IOException {
    Path junk = Files.writeString(tmp.resolve("junk.nc"), "not a netCDF file");
    List<ScanInput> inputs = new ArrayList<>(series());
    inputs.add(0, ScanInput.of(junk.toString()));

    assertThatThrownBy(
            () ->
                Scanners.scanAll(
                    inputs,
                    tmp.resolve("out"),
                    ScanAllOptions.DEFAULT.withScan(
                        ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.FAIL)),
                    POOL))
        .isInstanceOf(InputScanException.class)
        .hasMessageContaining(junk.toString())
        .hasMessageContaining("not a format refzarr scans");
  }

  @Test
  void outputNames_pathsSchemesAndArchives_followTheRule() {
    Map<String, String> names =
        ScanAllOptions.DEFAULT.outputNames(
            List.of(
                "data/day_001.nc",
                "/abs/x/day 2.nc",
                "s3://bucket/k/day_003.nc",
                "tar://m.nc::archives/a.tar",
                "./../up.nc"));

    assertThat(names)
        .containsExactly(
            Map.entry("data/day_001.nc", "data__day_001.nc.json"),
            Map.entry("/abs/x/day 2.nc", "abs__x__day_2.nc.json"),
            Map.entry("s3://bucket/k/day_003.nc", "bucket__k__day_003.nc.json"),
            Map.entry("tar://m.nc::archives/a.tar", "archives__a.tar__m.nc.json"),
            Map.entry("./../up.nc", "up__up.nc.json"));
  }

  @Test
  void outputNames_collidingInputs_eachGetAHashWhateverTheOrder() {
    ScanAllOptions parquet = ScanAllOptions.DEFAULT.withFormat(ScanAllOptions.Format.PARQUET);
    Map<String, String> ab = parquet.outputNames(List.of("a/b.nc", "a__b.nc", "c.nc"));
    Map<String, String> ba = parquet.outputNames(List.of("c.nc", "a__b.nc", "a/b.nc"));

    assertThat(ab).isEqualTo(ba);
    assertThat(ab.get("c.nc")).isEqualTo("c.nc.parq");
    assertThat(ab.get("a/b.nc")).matches("a__b\\.nc-[0-9a-f]{10}\\.parq");
    assertThat(ab.get("a__b.nc"))
        .matches("a__b\\.nc-[0-9a-f]{10}\\.parq")
        .isNotEqualTo(ab.get("a/b.nc"));
  }
}
