package io.refzarr.spark;

import static io.refzarr.spark.SparkTesting.assertSameOutput;
import static io.refzarr.spark.SparkTesting.singleMachine;
import static io.refzarr.spark.SparkTesting.spark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.combine.ProgressListener;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanAllOptions;
import io.refzarr.scan.ScanAllReport;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job in local[2] against the single-machine scan-combine, key by key. */
class SparkScanCombineTest {
  private static final CombineJobOptions SKIP =
      CombineJobOptions.DEFAULT.withScan(
          ScanSettings.of(ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP)));

  private static JavaSparkContext sc;
  @TempDir static Path data;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    sc = SparkContexts.create("local[2]", "refzarr-test");
  }

  @AfterAll
  static void stop() {
    if (sc != null) {
      sc.close();
    }
  }

  @Test
  void corpusSeries_everyPartitioningAndDepth_writesTheSingleMachineReferences()
      throws IOException {
    List<String> inputs = SparkTesting.corpusSeries();
    Path expected = singleMachine(inputs, tmp.resolve("single.json"));
    for (int partitions : new int[] {1, 2, 5}) {
      for (int depth : new int[] {2, 3}) {
        Path out = tmp.resolve("spark-" + partitions + "-" + depth + ".json");
        CombineReport r =
            spark(
                sc,
                inputs,
                CombineJobOptions.DEFAULT
                    .withPartitions(partitions)
                    .withTreeDepth(depth)
                    .withBatchSize(2),
                out,
                ProgressListener.NONE);

        assertThat(r.combined()).isEqualTo(5);
        assertSameOutput(out, expected);
        assertThat(SparkTesting.sameBytes(out, expected))
            .as("%d partitions, depth %d", partitions, depth)
            .isTrue();
      }
    }
  }

  @Test
  void generatedNetcdf4_withUnreadableInputs_skipsThemAndMatchesTheSingleMachineOnTheRest()
      throws IOException {
    List<String> readable = GeneratedInputs.netcdf4(data.resolve("nc4"), 240);
    List<String> bad = GeneratedInputs.unreadable(data.resolve("bad"));
    Path expected = singleMachine(readable, tmp.resolve("single.json"));
    List<String> all = new ArrayList<>(readable);
    all.add(17, bad.get(0));
    all.add(120, bad.get(1));
    all.add(bad.get(2));
    int[][] layouts = {{0, 2, 64}, {7, 3, 5}, {32, 4, 1}};
    for (int[] l : layouts) {
      List<String> order = new ArrayList<>(all);
      Collections.shuffle(order, new Random(l[0]));
      Path out = tmp.resolve("spark-" + l[0] + ".json");
      CombineReport r =
          spark(
              sc,
              order,
              SKIP.withPartitions(l[0]).withTreeDepth(l[1]).withBatchSize(l[2]),
              out,
              ProgressListener.NONE);

      assertThat(r.inputs()).isEqualTo(243);
      assertThat(r.combined()).isEqualTo(240);
      assertThat(r.failed())
          .extracting(CombineReport.FailedInput::input)
          .containsExactlyInAnyOrderElementsOf(bad);
      assertThat(r.failed()).allSatisfy(f -> assertThat(f.reason()).isNotBlank());
      assertSameOutput(out, expected);
      assertThat(ReferenceSets.readJson(out).get("time/.zarray")).isPresent();
    }
  }

  @Test
  void generatedNetcdf3_parquetOutput_matchesTheSingleMachineAndReportsProgress()
      throws IOException {
    List<String> inputs = GeneratedInputs.netcdf3(data.resolve("nc3"), 120);
    Path expected = singleMachine(inputs, tmp.resolve("single.json"));
    List<int[]> scanned = new CopyOnWriteArrayList<>();
    List<int[]> written = new CopyOnWriteArrayList<>();
    ProgressListener progress =
        (phase, done, total) ->
            (phase == ProgressListener.Phase.COORDINATES ? scanned : written)
                .add(new int[] {done, total});

    Path out = tmp.resolve("spark.parq");
    CombineReport r =
        spark(
            sc,
            inputs,
            CombineJobOptions.DEFAULT.withPartitions(6).withBatchSize(8),
            out,
            progress);

    assertThat(r.summary()).isEqualTo("120 of 120 inputs combined, 0 failed");
    assertThat(Files.isDirectory(out)).isTrue();
    assertSameOutput(out, expected);
    assertThat(SparkTesting.refs(out)).containsKey("tas/119.0.0");
    assertThat(scanned).isNotEmpty().allMatch(p -> p[1] == 120 && p[0] <= 120);
    assertThat(written.get(written.size() - 1)).containsExactly(120, 120);
  }

  /** Failing inputs fail the job (skip-and-report being the default). */
  static final ScanSettings FAIL =
      ScanSettings.of(ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.FAIL));

  @Test
  void failPolicy_unreadableInput_failsTheJobNamingItAndWritesNothing() throws IOException {
    List<String> inputs = new ArrayList<>(SparkTesting.corpusSeries());
    String bad = GeneratedInputs.unreadable(tmp.resolve("bad")).get(0);
    inputs.add(3, bad);
    Path out = tmp.resolve("out.json");

    assertThatThrownBy(
            () ->
                spark(
                    sc,
                    inputs,
                    CombineJobOptions.DEFAULT.withPartitions(2).withScan(FAIL),
                    out,
                    ProgressListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("the Spark job failed: ")
        .hasMessageContaining(bad)
        .hasMessageContaining("not a format refzarr scans");
    assertThat(out).doesNotExist();
  }

  @Test
  void scanAll_onExecutors_writesWhatTheOneMachineScanAllWrites() throws IOException {
    List<ScanInput> inputs =
        new ArrayList<>(SparkTesting.corpusSeries().stream().map(ScanInput::of).toList());
    inputs.add(ScanInput.of(GeneratedInputs.unreadable(tmp.resolve("bad")).get(0)));
    ScanSettings skip = ScanSettings.of(ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP));

    ScanAllReport onSpark =
        SparkScanAll.run(
            sc, inputs, tmp.resolve("spark").toString(), skip, ScanAllOptions.Format.JSON, 1000, 3);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    ScanAllReport local;
    try {
      local =
          io.refzarr.scan.Scanners.scanAll(
              inputs, tmp.resolve("local"), ScanAllOptions.DEFAULT.withScan(skip.options()), pool);
    } finally {
      pool.shutdownNow();
    }

    assertThatThrownBy(
            () ->
                SparkScanAll.run(
                    sc,
                    inputs,
                    tmp.resolve("fail").toString(),
                    FAIL,
                    ScanAllOptions.Format.JSON,
                    1000,
                    3))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot scan " + inputs.get(5).url());
    assertThat(onSpark.summary()).isEqualTo("5 scanned, 0 skipped objects, 1 failed inputs");
    assertThat(onSpark.outcomes())
        .extracting(ScanAllReport.Outcome::output)
        .isEqualTo(local.outcomes().stream().map(ScanAllReport.Outcome::output).toList());
    for (ScanAllReport.Outcome o : onSpark.scanned()) {
      assertThat(
              SparkTesting.sameBytes(
                  tmp.resolve("spark").resolve(o.output()),
                  tmp.resolve("local").resolve(o.output())))
          .as(o.output())
          .isTrue();
    }
  }
}
