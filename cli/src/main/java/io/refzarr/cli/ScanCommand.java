package io.refzarr.cli;

import io.refzarr.refs.ReferenceSink;
import io.refzarr.scan.ArchiveReferences;
import io.refzarr.scan.ErrorPolicy;
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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
  private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The file: a path, or a URL a byte source reads.")
  String input;

  @Mixin OutputOptions output;

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
    ScanOptions options = options();
    URI location = location(input);
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      Scanner scanner = Scanners.detect(sources, location, input);
      ScanInput scanInput = new ScanInput(url != null ? url : input, location);
      ScanReport report =
          output.write(
              spec.commandLine(), sink -> scanInto(scanner, scanInput, sources, options, sink));
      print(scanner, report);
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
        progress ? new ProgressSink(sink, spec.commandLine().getErr(), input) : null;
    ScanReport report = scanner.scan(scanInput, sources, options, shown != null ? shown : sink);
    if (shown != null) {
      shown.finish();
    }
    return report;
  }

  private ScanOptions options() {
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

  /**
   * A URL is used as is (two or more scheme letters, so {@code C:\x} stays a path), else it is a
   * local path. The container of a chained URL ({@code tar://m.nc::archives/a.tar}) follows the
   * same rule.
   */
  static URI location(String input) {
    int chain = input.lastIndexOf("::");
    if (chain > 0 && isUrl(input)) {
      return URI.create(input.substring(0, chain + 2) + location(input.substring(chain + 2)));
    }
    if (isUrl(input)) {
      return URI.create(input);
    }
    return Path.of(input).toAbsolutePath().normalize().toUri();
  }

  private static boolean isUrl(String s) {
    return URL.matcher(s).matches() && s.indexOf(':') > 1;
  }

  private void print(Scanner scanner, ScanReport report) {
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
