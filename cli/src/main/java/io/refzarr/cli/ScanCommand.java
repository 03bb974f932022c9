package io.refzarr.cli;

import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.MalformedFileException;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.Scanner;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code refzarr scan}: one data file to a JSON reference set. The format is told by the file's first
 * bytes ({@link Scanners#forHead}), so every built-in scanner is reachable.
 */
@Command(name = "scan", description = "Scan a data file (HDF5/netCDF4, netCDF3; told by its magic bytes) into a"
    + " JSON reference set.")
final class ScanCommand implements Callable<Integer> {
  private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
  private static final int HEAD = 16;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file: a path, or a URL a byte source reads.")
  String input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.json",
      description = "Where to write the references (JSON, written atomically).")
  Path output;

  @Option(names = "--url", paramLabel = "URL",
      description = "Target name written into the references (default: FILE as given).")
  String url;

  @Option(names = "--inline-threshold", paramLabel = "BYTES",
      description = "Embed arrays/chunks smaller than this (default: the scanner's, 500 HDF5, 100 netCDF3; 0: none).")
  Integer inlineThreshold;

  @Option(names = "--error-policy", paramLabel = "fail|skip", defaultValue = "fail",
      description = "Objects that cannot be referenced: fail the scan, or skip and report them (default: fail).")
  String errorPolicy;

  @Option(names = "--progress",
      description = "Show on stderr how many references the scan has made (for large files).")
  boolean progress;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ScanOptions options = options();
    if (output.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(parq|parquet)")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Parquet output (" + output
          + ") is not available yet: write JSON (-o out.json)");
    }
    URI location = location(input);
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      Scanner scanner = detect(sources.forTarget(location), location);
      ReferenceSetBuilder builder = ReferenceSets.builder();
      ProgressSink shown = progress ? new ProgressSink(builder, spec.commandLine().getErr(), input) : null;
      ScanReport report = scanner.scan(new ScanInput(url != null ? url : input, location), sources, options,
          shown != null ? shown : builder);
      if (shown != null) {
        shown.finish();
      }
      ReferenceSets.writeJson(builder.build(), output);
      print(scanner, report);
    }
    return 0;
  }

  private ScanOptions options() {
    ScanOptions options = ScanOptions.DEFAULT;
    switch (errorPolicy.toLowerCase(Locale.ROOT)) {
      case "fail":
        break;
      case "skip":
        options = options.withErrorPolicy(ErrorPolicy.SKIP);
        break;
      default:
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--error-policy must be fail or skip, not " + errorPolicy);
    }
    if (inlineThreshold != null) {
      if (inlineThreshold < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--inline-threshold must be >= 0");
      }
      options = options.withInlineThreshold(inlineThreshold);
    }
    return options;
  }

  /**
   * A URL is used as is (two or more scheme letters, so {@code C:\x} stays a path), else it is a local path.
   * The container of a chained URL ({@code tar://m.nc::archives/a.tar}) follows the same rule.
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

  private Scanner detect(ByteRangeReader reader, URI location) throws IOException {
    long size = reader.size(location);
    ByteBuffer head = reader.read(location, 0, (int) Math.min(size, HEAD));
    byte[] bytes = new byte[head.remaining()];
    head.get(bytes);
    return Scanners.forHead(bytes).orElseThrow(() -> new MalformedFileException(input, 0,
        "not a format refzarr scans (first bytes " + HexFormat.ofDelimiter(" ").formatHex(bytes)
            + "; known: " + known() + ")"));
  }

  private static String known() {
    StringBuilder sb = new StringBuilder();
    Scanners.all().forEach(s -> sb.append(sb.length() == 0 ? "" : ", ").append(s.name()));
    return sb.toString();
  }

  private void print(Scanner scanner, ScanReport report) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.printf("%s: %s, %d references, %d skipped, %d read requests, %d bytes read -> %s%n", input,
        scanner.name(), report.references(), report.skipped().size(), report.requests(), report.bytesRead(),
        output);
    report.skipped().forEach(s -> err.println("refzarr: skipped " + s.object() + ": " + s.reason()));
    report.notes().forEach(n -> err.println("refzarr: note: " + n));
  }
}
