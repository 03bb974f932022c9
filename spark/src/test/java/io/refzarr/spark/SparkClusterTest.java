package io.refzarr.spark;

import static io.refzarr.spark.SparkTesting.assertSameOutput;
import static io.refzarr.spark.SparkTesting.singleMachine;
import static io.refzarr.spark.SparkTesting.spark;
import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.combine.ProgressListener;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real cluster on loopback: {@code local-cluster[2,1,512]} runs a standalone master
 * and two workers in this JVM, and each executor in a JVM of its own, so every input, partial and
 * report crosses a process boundary serialized. The executors are launched as a Spark distribution
 * would launch them: the surefire configuration sets SPARK_HOME (made here, with an empty {@code
 * jars/}) and the Scala version, and the executors get this JVM's class path.
 */
class SparkClusterTest {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void localCluster_twoExecutorJvms_writeTheSingleMachineReferences() throws Exception {
    String home = System.getenv("SPARK_HOME");
    assertThat(home).as("SPARK_HOME is set by the module's surefire configuration").isNotNull();
    Files.createDirectories(Path.of(home, "jars"));
    List<String> readable = new ArrayList<>(SparkTesting.corpusSeries());
    readable.addAll(GeneratedInputs.netcdf4(tmp.resolve("nc4"), 30));
    List<String> all = new ArrayList<>(readable);
    List<String> bad = GeneratedInputs.unreadable(tmp.resolve("bad"));
    all.addAll(10, bad);
    Path expected = singleMachine(readable, tmp.resolve("single.json"));

    SparkConf conf =
        new SparkConf()
            .setMaster("local-cluster[2,1,512]")
            .setAppName("refzarr-cluster-test")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
            .set("spark.executor.memory", "512m")
            .set("spark.task.maxFailures", "1");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      awaitExecutors(sc, 2);
      long thisJvm = ProcessHandle.current().pid();
      List<Long> pids =
          sc.parallelize(List.of(1, 2, 3, 4), 4)
              .map(i -> ProcessHandle.current().pid())
              .distinct()
              .collect();
      assertThat(pids)
          .as(
              "tasks ran in executor JVMs, not in the driver (%s)",
              ManagementFactory.getRuntimeMXBean().getName())
          .doesNotContain(thisJvm)
          .isNotEmpty();

      Path out = tmp.resolve("cluster.json");
      CombineReport r =
          spark(
              sc,
              all,
              CombineJobOptions.DEFAULT
                  .withPartitions(8)
                  .withTreeDepth(3)
                  .withBatchSize(4)
                  .withScan(ScanSettings.of(ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP))),
              out,
              ProgressListener.NONE);

      assertThat(r.combined()).isEqualTo(35);
      assertThat(r.failed())
          .extracting(CombineReport.FailedInput::input)
          .containsExactlyElementsOf(bad);
      assertSameOutput(out, expected);
      assertThat(SparkTesting.sameBytes(out, expected)).isTrue();
    }
  }

  private static void awaitExecutors(JavaSparkContext sc, int n)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (sc.sc().getExecutorMemoryStatus().size() < n + 1) { // the driver counts as one
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "the local cluster's executors did not register within 90 s: "
                + sc.sc().getExecutorMemoryStatus().keySet());
      }
      Thread.sleep(200);
    }
  }
}
