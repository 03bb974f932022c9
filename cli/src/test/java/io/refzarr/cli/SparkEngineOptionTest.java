package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan-combine --engine spark} where Spark is not on the class path (the CLI's tests, like
 * its default build): refused with how to get it. The engine itself is tested in the spark module.
 */
class SparkEngineOptionTest {
  @TempDir Path dir;

  @Test
  void scanCombine_engineSparkWithoutSpark_saysHowToGetIt() {
    Path out = dir.resolve("out.json");
    CliTest.Result r =
        CliTest.run(
            "scan-combine",
            CliTest.CORPUS.resolve("series").toString() + "/day_*.nc",
            "--concat-dim",
            "time",
            "-o",
            out.toString(),
            "--engine",
            "spark");

    assertThat(r.status()).isNotZero();
    assertThat(r.err())
        .contains("--engine spark needs Apache Spark on the class path")
        .contains("-Pspark")
        .contains("spark-submit");
    assertThat(out).doesNotExist();
  }

  @Test
  void scanCombine_masterWithoutEngineSpark_refused() {
    CliTest.Result r =
        CliTest.run(
            "scan-combine",
            CliTest.CORPUS.resolve("series/day_001.nc").toString(),
            "--concat-dim",
            "time",
            "-o",
            dir.resolve("out.json").toString(),
            "--master",
            "local[2]");

    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("--master, --partitions and --report need --engine spark");
  }

  @Test
  void scan_outputDirEngineSparkWithoutSpark_saysHowToGetIt() {
    CliTest.Result r =
        CliTest.run(
            "scan",
            CliTest.CORPUS.resolve("series/day_001.nc").toString(),
            "--output-dir",
            dir.resolve("o").toString(),
            "--engine",
            "spark");

    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("--engine spark needs Apache Spark on the class path");
  }
}
