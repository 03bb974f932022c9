package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine;
import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Mixin;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.cli.args.CommandLine.Parameters;
import io.refzarr.cli.args.CommandLine.Spec;
import io.refzarr.combine.CombineInput;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code refzarr scan-combine}: scan data files and combine them in one parallel run (kerchunk's
 * {@code auto_dask}). Each file is scanned when the combine reads it, on the combine's worker pool;
 * small scans are kept from the first pass, so most files are scanned once.
 */
@Command(
    name = "scan-combine",
    description =
        "Scan data files (HDF5/netCDF4, netCDF3) and combine their"
            + " references along concat dimensions in one parallel run.")
final class ScanCombineCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "Data files: paths, globs (day_*.nc) or @FILE listing one path per line; targets are"
              + " written as given.")
  List<String> inputs;

  @Mixin CombineOptions options;

  @Mixin OutputOptions output;

  @Option(
      names = "--scan-inline-threshold",
      paramLabel = "BYTES",
      description = "Scanner's inline threshold (default: the scanner's own).")
  Integer scanInline;

  @Option(
      names = "--error-policy",
      paramLabel = "fail|skip",
      defaultValue = "skip",
      description =
          "Objects a scanner cannot reference: fail, or skip and report them per input (default: skip).")
  ErrorPolicy errorPolicy;

  @Option(
      names = "--strict",
      description = "Fail on the first object that cannot be referenced (--error-policy fail).")
  boolean strict;

  @Option(
      names = "--engine",
      paramLabel = "local|spark",
      defaultValue = "local",
      description =
          "local: this JVM's threads (default); spark: Apache Spark, embedded (local[*]) or the cluster of"
              + " --master (needs Spark on the class path: the CLI built with -Pspark, or spark-submit). Under"
              + " spark, inputs that fail follow --error-policy too: fail the job, or skip them, report them and"
              + " exit with status 1.")
  Engine engine;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "With --engine spark: the master (local[4], spark://host:7077, yarn, ...; default: the one"
              + " spark-submit sets, else local[*]).")
  String master;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description =
          "With --engine spark: tasks of the first pass (default: 4 per core of the cluster).")
  Integer partitions;

  @Option(
      names = "--tree-depth",
      paramLabel = "D",
      defaultValue = "2",
      description =
          "With --engine spark: depth of the tree reduction of partial layouts (default: ${DEFAULT-VALUE}).")
  int treeDepth;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "With --engine spark: also write the run's report as JSON to FILE (inputs combined, and those"
              + " that failed with the reason).")
  Path report;

  @Spec CommandLine.Model.CommandSpec spec;

  /** Where the work runs. */
  enum Engine {
    LOCAL,
    SPARK
  }

  @Override
  public Integer call() throws Exception {
    if (engine == Engine.SPARK) {
      return SparkCommands.scanCombine(this);
    }
    if (master != null || partitions != null || report != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--master, --partitions and --report need" + " --engine spark");
    }
    ScanOptions scan = scanOptions();
    List<CombineInput> files = new ArrayList<>();
    for (Path p : CombineOptions.expand(inputs)) {
      String url = p.toString();
      files.add(new CombineInput(url, () -> scan(url, p, scan, spec.commandLine().getErr())));
    }
    CombineOptions.combine(files, options.spec(spec.commandLine()), output, spec.commandLine());
    spec.commandLine()
        .getOut()
        .printf("%s: scanned and combined %d files%n", output.output, files.size());
    return 0;
  }

  ScanOptions scanOptions() {
    ScanOptions o = ScanOptions.DEFAULT.withErrorPolicy(strict ? ErrorPolicy.FAIL : errorPolicy);
    return scanInline == null ? o : o.withInlineThreshold(scanInline);
  }

  /**
   * Scans one input; the objects it left out are reported on {@code err}, one line each, naming the
   * input.
   */
  private static ReferenceSet scan(
      String url, Path file, ScanOptions options, java.io.PrintWriter err) throws IOException {
    ScanInput input = new ScanInput(url, file.toAbsolutePath().normalize().toUri());
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      ReferenceSetBuilder b = ReferenceSets.builder();
      io.refzarr.scan.ScanReport report = Scanners.scan(input, sources, options, b);
      for (io.refzarr.scan.ScanReport.Skipped s : report.skipped()) {
        err.println("refzarr: " + url + ": skipped " + s.object() + ": " + s.reason());
      }
      return b.build();
    }
  }
}
