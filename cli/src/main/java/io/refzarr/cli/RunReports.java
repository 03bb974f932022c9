package io.refzarr.cli;

import io.refzarr.internal.io.AtomicOutputs;
import io.refzarr.internal.json.Json;
import io.refzarr.scan.ScanAllReport;
import io.refzarr.scan.ScanReport;
import io.refzarr.spark.CombineReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --report FILE}: what a run over many inputs did, as JSON beside its output (which inputs
 * failed and why), for scripts that must not parse stderr.
 */
final class RunReports {
  private RunReports() {}

  /**
   * {@code {"inputs", "scanned", "skipped_objects", "left_out": [{"input", "object", "reason"}],
   * "failed": [{"input", "reason"}], "outputs": {input: name}}}: {@code left_out} names each object
   * a scanned input left out, and why.
   */
  static void write(ScanAllReport report, Path file) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("inputs", (long) report.outcomes().size());
    doc.put("scanned", (long) report.scanned().size());
    doc.put("skipped_objects", report.skippedObjects());
    List<Object> leftOut = new ArrayList<>();
    for (ScanAllReport.Outcome o : report.scanned()) {
      for (ScanReport.Skipped s : o.report().skipped()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", o.input());
        m.put("object", s.object());
        m.put("reason", s.reason());
        leftOut.add(m);
      }
    }
    doc.put("left_out", leftOut);
    List<Object> failed = new ArrayList<>();
    report.failed().forEach(o -> failed.add(failure(o.input(), o.failure())));
    doc.put("failed", failed);
    Map<String, Object> outputs = new LinkedHashMap<>();
    report.scanned().forEach(o -> outputs.put(o.input(), o.output()));
    doc.put("outputs", outputs);
    AtomicOutputs.write(file, os -> os.write(Json.writeBytes(doc)));
  }

  /** {@code {"inputs", "combined", "failed": [{"input", "reason"}]}} */
  static void write(CombineReport report, Path file) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("inputs", (long) report.inputs());
    doc.put("combined", (long) report.combined());
    List<Object> failed = new ArrayList<>();
    report.failed().forEach(f -> failed.add(failure(f.input(), f.reason())));
    doc.put("failed", failed);
    AtomicOutputs.write(file, os -> os.write(Json.writeBytes(doc)));
  }

  private static Map<String, Object> failure(String input, String reason) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input", input);
    m.put("reason", reason);
    return m;
  }
}
