package io.refzarr.spark;

import io.refzarr.combine.CombinePlanner;
import io.refzarr.combine.ProgressListener;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.SinkOptions;
import io.refzarr.scan.ScanInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Scan and combine on Spark (kerchunk's {@code auto_dask}): the executors scan the inputs and fold
 * them, partition by partition and a batch at a time, into partial layouts ({@link
 * CombinePlanner#partial}); a {@code treeReduce} merges them; the driver plans the output and
 * writes it (JSON, or Parquet streamed, as the output's name says: {@link ReferenceSets#sink}). The
 * output does not depend on the partitioning, the tree or the input order, and equals the
 * single-machine {@code scan-combine}'s.
 *
 * <pre>{@code
 * try (JavaSparkContext sc = SparkContexts.create(null, "refzarr")) {
 *   SpecFactory spec = () -> CombineSpec.builder().concatDims("time").identicalDims("lat", "lon");
 *   CombineReport r = SparkScanCombine.run(sc, inputs, spec, CombineJobOptions.DEFAULT, Path.of("out.json"),
 *       SinkOptions.DEFAULT, ProgressListener.NONE);
 * }
 * }</pre>
 *
 * <p>The partials carry every input's references up the tree, so the driver holds about the
 * output's references while it writes (as kerchunk's combine does).
 */
public final class SparkScanCombine {
  private SparkScanCombine() {}

  /**
   * Scans and combines {@code inputs} into {@code output}.
   *
   * @param progress told on the driver how many inputs are scanned (phase {@code COORDINATES},
   *     after each task) and how many are written ({@code REFERENCES})
   * @return the inputs combined and, under {@code SKIP}, those that failed with the reason
   * @throws IOException naming the input under {@code FAIL}, or if the inputs do not combine; no
   *     output is left then
   */
  public static CombineReport run(
      JavaSparkContext sc,
      List<ScanInput> inputs,
      SpecFactory spec,
      CombineJobOptions options,
      Path output,
      SinkOptions sink,
      ProgressListener progress)
      throws IOException {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("nothing to combine: no inputs");
    }
    Part whole = firstPass(sc, inputs, spec, options, progress);
    List<CombineReport.FailedInput> failed = new ArrayList<>(whole.failed());
    failed.sort(Comparator.comparingInt(CombineReport.FailedInput::index));
    int combined = whole.partial().inputs();
    if (combined == 0) {
      throw new IOException(
          "nothing to combine: all "
              + inputs.size()
              + " inputs failed, the first "
              + failed.get(0).input()
              + ": "
              + failed.get(0).reason());
    }
    try (CombinePlanner planner = new CombinePlanner(spec.builder().progress(progress).build())) {
      ReferenceSets.write(
          output,
          sink,
          out -> {
            planner.write(whole.partial(), out);
            return null;
          });
    }
    return new CombineReport(inputs.size(), combined, failed);
  }

  private static Part firstPass(
      JavaSparkContext sc,
      List<ScanInput> inputs,
      SpecFactory spec,
      CombineJobOptions options,
      ProgressListener progress)
      throws IOException {
    List<Map.Entry<Integer, ScanInput>> indexed = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      indexed.add(new AbstractMap.SimpleImmutableEntry<>(i, inputs.get(i)));
    }
    int partitions = options.partitionsFor(inputs.size(), sc.defaultParallelism());
    LongAccumulator scanned = sc.sc().longAccumulator("refzarr inputs scanned");
    ScanProgress listener = new ScanProgress(scanned, inputs.size(), progress);
    sc.sc().addSparkListener(listener);
    try {
      JavaRDD<Part> parts =
          sc.parallelize(indexed, partitions)
              .mapPartitions(new PartitionFold(spec, options, scanned));
      return parts.treeReduce(Part::merge, options.treeDepth());
    } catch (Exception e) { // a SparkException, checked but undeclared (Scala declares none)
      throw SparkFailures.unwrap(e);
    } finally {
      sc.sc().removeSparkListener(listener);
    }
  }
}
