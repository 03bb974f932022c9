package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine;
import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Mixin;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.cli.args.CommandLine.Parameters;
import io.refzarr.cli.args.CommandLine.Spec;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.scan.ArchiveReferences;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanAllOptions;
import io.refzarr.scan.ScanAllReport;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.Scanner;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code refzarr scan}: one data file to a JSON or Parquet reference set. The format is told by the
 * file's first bytes ({@link Scanners#forHead}), so every built-in scanner is reachable.
 */
@Command(
    name = "scan",
    description =
        "Scan a data file (HDF5/netCDF4, netCDF3; told by its magic bytes) into a"
            + " JSON or Parquet reference set.")
final class ScanCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "The file: a path, or a URL a byte source"
              + " reads. With --output-dir, any number of them: paths, URLs, globs (day_*.nc) or @FILE listing one per"
              + " line.")
  List<String> inputs;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description =
          "Scan every FILE concurrently, each to its own set in DIR, named after its path (s3://b/x/a.nc"
              + " -> b__x__a.nc.json; names that would collide get a hash of the URL); a summary at the end; exit"
              + " status 1 if any input failed.")
  Path outputDir;

  @Option(
      names = "--format",
      paramLabel = "json|parquet",
      defaultValue = "json",
      description = "With --output-dir: the form of each set (default: ${DEFAULT-VALUE}).")
  ScanAllOptions.Format format;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "With --output-dir: inputs scanned at once (default: cores); with --engine spark, tasks.")
  Integer parallelism;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "With --output-dir: also write the summary as JSON to FILE (failed inputs with the reason, and"
              + " each input's output name).")
  Path report;

  @Option(
      names = "--engine",
      paramLabel = "local|spark",
      defaultValue = "local",
      description =
          "With --output-dir: local (this JVM's threads, default) or spark (executors write to DIR, which"
              + " they must all see; needs Spark on the class path: the CLI built with -Pspark, or spark-submit).")
  ScanCombineCommand.Engine engine;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "With --engine spark: the master (default: the one spark-submit sets, else local[*]).")
  String master;

  @Mixin OutputOptions output;

  @Option(
      names = "--remote-option",
      paramLabel = "NAME=VALUE",
      description =
          "A byte-source option for reading FILE, such as s3.endpoint=http://127.0.0.1:9000 (repeatable).")
  Map<String, String> remoteOptions = new java.util.LinkedHashMap<>();

  @Option(
      names = "--keep-chained",
      description =
          "For archive members (tar://m.nc::a.tar), keep the chained URLs in the references instead"
              + " of rewriting them into byte ranges of the archive (most readers, fsspec among them, cannot read"
              + " chained URLs).")
  boolean keepChained;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Target name written into the references (default: FILE as given).")
  String url;

  @Option(
      names = "--inline-threshold",
      paramLabel = "BYTES",
      description =
          "Embed arrays/chunks smaller than this (default: the scanner's, 500 HDF5, 100 netCDF3; 0: none).")
  Integer inlineThreshold;

  @Option(
      names = "--error-policy",
      paramLabel = "fail|skip",
      defaultValue = "skip",
      description =
          "Objects that cannot be referenced: fail the scan, or skip and report them (default: skip).")
  ErrorPolicy errorPolicy;

  @Option(
      names = "--strict",
      description = "Fail on the first object that cannot be referenced (--error-policy fail).")
  boolean strict;

  @Option(
      names = "--enum-labels",
      description =
          "HDF5 enum datasets: keep their labels as CF attributes flag_values and flag_meanings"
              + " (spaces in labels become _). Off by default, as kerchunk, which keeps no labels.")
  boolean enumLabels;

  @Option(
      names = "--progress",
      description = "Show on stderr how many references the scan has made (for large files).")
  boolean progress;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (outputDir != null) {
      return scanAll();
    }
    if (engine != ScanCombineCommand.Engine.LOCAL || master != null || report != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--engine, --master and --report need" + " --output-dir");
    }
    if (inputs.size() != 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "several inputs need --output-dir, got " + inputs.size());
    }
    String input = inputs.get(0);
    ScanOptions options = options();
    URI location = location(input);
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.copyOf(remoteOptions))) {
      Scanner scanner = Scanners.detect(sources, location, input);
      ScanInput scanInput = new ScanInput(url != null ? url : input, location);
      ScanReport report =
          output.write(
              spec.commandLine(), sink -> scanInto(scanner, scanInput, sources, options, sink));
      print(input, scanner, report);
    }
    return 0;
  }

  private ScanReport scanInto(
      Scanner scanner,
      ScanInput scanInput,
      ByteRangeReaders sources,
      ScanOptions options,
      ReferenceSink out)
      throws IOException {
    ReferenceSink sink =
        keepChained ? out : ArchiveReferences.dereferencing(out, scanInput, sources);
    ProgressSink shown =
        progress ? new ProgressSink(sink, spec.commandLine().getErr(), scanInput.url()) : null;
    ScanReport report = scanner.scan(scanInput, sources, options, shown != null ? shown : sink);
    if (shown != null) {
      shown.finish();
    }
    return report;
  }

  ScanOptions options() {
    ScanOptions options =
        ScanOptions.DEFAULT.withErrorPolicy(strict ? ErrorPolicy.FAIL : errorPolicy);
    if (inlineThreshold != null) {
      if (inlineThreshold < 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--inline-threshold must be >= 0");
      }
      options = options.withInlineThreshold(inlineThreshold);
    }
    if (enumLabels) {
      options = options.withEnumLabels(true);
    }
    return options;
  }

  /** Where to read {@code input}: {@link ScanInput#location}. */
  static URI location(String input) {
    return ScanInput.location(input);
  }

  /** Simple parallel: every input to its own set in the output directory, on a bounded pool. */
  private int scanAll() throws IOException {
    CommandLine cl = spec.commandLine();
    if (output.output != null || url != null || keepChained || progress) {
      throw new CommandLine.ParameterException(
          cl, "--output-dir takes none of -o, --url, --keep-chained," + " --progress");
    }
    if (engine == ScanCombineCommand.Engine.SPARK) {
      return printSummary(SparkCommands.scanAll(this));
    }
    int threads = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
    if (threads <= 0) {
      throw new CommandLine.ParameterException(cl, "--parallelism must be positive: " + threads);
    }
    List<ScanInput> all = CombineOptions.expandNames(inputs).stream().map(ScanInput::of).toList();
    ScanAllOptions options = new ScanAllOptions(options(), format, output.sinkOptions(cl));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      return printSummary(Scanners.scanAll(all, outputDir, options, pool));
    } finally {
      pool.shutdownNow();
    }
  }

  int printSummary(ScanAllReport report) throws IOException {
    if (this.report != null) {
      RunReports.write(report, this.report);
    }
    PrintWriter err = spec.commandLine().getErr();
    for (ScanAllReport.Outcome o : report.outcomes()) {
      if (o.failed()) {
        err.println("refzarr: failed " + o.input() + ": " + o.failure());
      } else {
        o.report()
            .skipped()
            .forEach(
                s ->
                    err.println(
                        "refzarr: skipped " + o.input() + ": " + s.object() + ": " + s.reason()));
      }
    }
    spec.commandLine().getOut().printf("%s: %s%n", outputDir, report.summary());
    return report.failed().isEmpty() ? 0 : 1;
  }

  private void print(String input, Scanner scanner, ScanReport report) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.printf(
        "%s: %s, %d references, %d skipped, %d read requests, %d bytes read -> %s%n",
        input,
        scanner.name(),
        report.references(),
        report.skipped().size(),
        report.requests(),
        report.bytesRead(),
        output.output);
    report
        .skipped()
        .forEach(s -> err.println("refzarr: skipped " + s.object() + ": " + s.reason()));
    report.notes().forEach(n -> err.println("refzarr: note: " + n));
  }
}
