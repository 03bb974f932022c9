package io.refzarr.spark;

import io.refzarr.combine.ProgressListener;
import io.refzarr.refs.SinkOptions;
import io.refzarr.scan.ScanAllOptions;
import io.refzarr.scan.ScanAllReport;
import io.refzarr.scan.ScanInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The jobs with a Spark context of their own, started and stopped around the run: what the command
 * line calls. No Spark type appears in these signatures, so a caller compiles and loads without
 * Spark as long as it checks {@link #SPARK_CLASS} is present before calling.
 */
public final class SparkEngine {
  /** A class of Spark's the engine needs; absent, Spark is not on the class path. */
  public static final String SPARK_CLASS = "org.apache.spark.api.java.JavaSparkContext";

  private SparkEngine() {}

  /**
   * {@link SparkScanCombine#run} on a context of {@code master} (null: {@code spark.master} as
   * {@code spark-submit} sets it, else {@code local[*]}); {@code status} hears when Spark has
   * started and how long it took.
   */
  public static CombineReport scanCombine(
      String master,
      List<ScanInput> inputs,
      SpecFactory spec,
      CombineJobOptions options,
      Path output,
      SinkOptions sink,
      ProgressListener progress,
      Consumer<String> status)
      throws IOException {
    long t0 = System.nanoTime();
    try (JavaSparkContext sc = SparkContexts.create(master, "refzarr scan-combine")) {
      started(sc, t0, status);
      return SparkScanCombine.run(sc, inputs, spec, options, output, sink, progress);
    }
  }

  /** {@link SparkScanAll#run} on a context of {@code master}, as {@link #scanCombine}. */
  public static ScanAllReport scanAll(
      String master,
      List<ScanInput> inputs,
      Path outDir,
      ScanSettings scan,
      ScanAllOptions.Format format,
      int recordSize,
      int partitions,
      Consumer<String> status)
      throws IOException {
    long t0 = System.nanoTime();
    try (JavaSparkContext sc = SparkContexts.create(master, "refzarr scan")) {
      started(sc, t0, status);
      return SparkScanAll.run(
          sc, inputs, outDir.toAbsolutePath().toString(), scan, format, recordSize, partitions);
    }
  }

  private static void started(JavaSparkContext sc, long t0, Consumer<String> status) {
    status.accept(
        String.format(
            "spark: %s started in %.2f s (default parallelism %d)",
            sc.master(), (System.nanoTime() - t0) / 1e9, sc.defaultParallelism()));
  }
}
