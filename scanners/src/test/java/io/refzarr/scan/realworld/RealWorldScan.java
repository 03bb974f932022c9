package io.refzarr.scan.realworld;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scanning half of the real-world harness ({@code scanners/tools/realworld.sh}): scans every
 * data file under a folder in one JVM, as {@code refzarr scan FILE -o OUT.json --error-policy skip}
 * would, and writes beside each reference set a {@code .report.json} with the scan's outcome
 * (scanned or failed, the message, the objects left out with their reasons) for the Python checker
 * ({@code realworld_check.py}) to read.
 *
 * <p>Usage: {@code RealWorldScan IN_DIR OUT_DIR}; {@code OUT_DIR/<relative path>.json} and {@code
 * .report.json} per file. Targets are the files' absolute paths. {@code README*}, {@code *.tsv},
 * {@code *.md}, {@code *.json} and {@code *.py} files are not data and are passed over.
 */
public final class RealWorldScan {
  private RealWorldScan() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: RealWorldScan IN_DIR OUT_DIR");
      System.exit(2);
    }
    Path in = Path.of(args[0]).toAbsolutePath().normalize();
    Path out = Path.of(args[1]);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(in)) {
      files = walk.filter(Files::isRegularFile).filter(RealWorldScan::isData).sorted().toList();
    }
    int failed = 0;
    for (Path file : files) {
      Path rel = in.relativize(file);
      Path refs = out.resolve(rel + ".json");
      Files.createDirectories(refs.getParent());
      Map<String, Object> report = scan(file, refs);
      failed += "failed".equals(report.get("status")) ? 1 : 0;
      Files.write(out.resolve(rel + ".report.json"), Json.writeBytes(report));
    }
    System.out.printf("scanned %d files, %d failed -> %s%n", files.size(), failed, out);
  }

  static boolean isData(Path p) {
    String n = p.getFileName().toString();
    return !n.startsWith("README")
        && !n.endsWith(".tsv")
        && !n.endsWith(".md")
        && !n.endsWith(".json")
        && !n.endsWith(".py");
  }

  /**
   * Scans {@code file} into {@code refs} (a JSON reference set); the outcome as a JSON-ready map.
   */
  static Map<String, Object> scan(Path file, Path refs) {
    Map<String, Object> report = new LinkedHashMap<>();
    ScanOptions options = ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP);
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      String url = file.toString();
      ReferenceSetBuilder builder = ReferenceSets.builder();
      ScanReport r =
          Scanners.detect(sources, file.toUri(), url)
              .scan(new ScanInput(url, file.toUri()), sources, options, builder);
      ReferenceSets.writeJson(builder.build(), refs);
      report.put("status", "scanned");
      List<Object> skipped = new ArrayList<>();
      for (ScanReport.Skipped s : r.skipped()) {
        skipped.add(Map.of("object", s.object(), "reason", s.reason()));
      }
      report.put("skipped", skipped);
      report.put("notes", new ArrayList<Object>(r.notes()));
    } catch (IOException | RuntimeException | StackOverflowError e) {
      report.put("status", "failed");
      report.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      if (root != e) {
        report.put("cause", root.toString());
      }
    }
    return report;
  }
}
