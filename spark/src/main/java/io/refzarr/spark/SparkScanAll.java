package io.refzarr.spark;

import io.refzarr.refs.SinkOptions;
import io.refzarr.scan.ScanAllOptions;
import io.refzarr.scan.ScanAllReport;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.Scanners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Simple parallel on Spark: every input scanned on an executor to its own reference set in a
 * directory that all executors see (a shared or local file system), named as {@link
 * Scanners#scanAll} names them ({@link ScanAllOptions#outputNames}); the report comes back to the
 * driver.
 */
public final class SparkScanAll {
  private SparkScanAll() {}

  /**
   * Scans {@code inputs} to {@code outDir}.
   *
   * @param scan how inputs are scanned; its error policy fails the job at a failed input, or skips
   *     and reports
   * @param format JSON or Parquet outputs
   * @param recordSize references per Parquet record file
   * @param partitions tasks; 0 for four per default-parallelism slot
   */
  public static ScanAllReport run(
      JavaSparkContext sc,
      List<ScanInput> inputs,
      String outDir,
      ScanSettings scan,
      ScanAllOptions.Format format,
      int recordSize,
      int partitions)
      throws IOException {
    Map<String, ScanInput> unique = new LinkedHashMap<>();
    inputs.forEach(i -> unique.putIfAbsent(i.url(), i));
    ScanAllOptions naming = ScanAllOptions.DEFAULT.withFormat(format);
    Map<String, String> names = naming.outputNames(List.copyOf(unique.keySet()));
    List<Map.Entry<ScanInput, String>> work = new ArrayList<>();
    unique
        .values()
        .forEach(i -> work.add(new AbstractMap.SimpleImmutableEntry<>(i, names.get(i.url()))));
    int slices =
        CombineJobOptions.DEFAULT
            .withPartitions(partitions)
            .partitionsFor(work.size(), sc.defaultParallelism());
    try {
      return new ScanAllReport(
          sc.parallelize(work, Math.max(1, slices))
              .map(
                  w ->
                      scanOne(
                          w.getKey(),
                          Path.of(outDir).resolve(w.getValue()),
                          scan,
                          format,
                          recordSize))
              .collect());
    } catch (Exception e) { // a SparkException, checked but undeclared (Scala declares none)
      throw SparkFailures.unwrap(e);
    }
  }

  private static ScanAllReport.Outcome scanOne(
      ScanInput in, Path out, ScanSettings scan, ScanAllOptions.Format format, int recordSize)
      throws IOException {
    Files.createDirectories(out.getParent());
    ScanAllOptions options =
        new ScanAllOptions(scan.options(), format, SinkOptions.DEFAULT.withRecordSize(recordSize));
    return Scanners.scanTo(in, out, options);
  }
}
