package io.refzarr.scan;

import io.refzarr.internal.concurrent.Futures;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** {@link Scanners#scanAll}: one task per input, each writing its own output atomically. */
final class BatchScan {
  private final Path outDir;
  private final ScanAllOptions options;

  BatchScan(Path outDir, ScanAllOptions options) {
    this.outDir = outDir;
    this.options = options;
  }

  ScanAllReport run(List<ScanInput> inputs, Executor executor) throws IOException {
    Map<String, ScanInput> unique = new LinkedHashMap<>();
    inputs.forEach(i -> unique.putIfAbsent(i.url(), i));
    Map<String, String> names = options.outputNames(List.copyOf(unique.keySet()));
    Files.createDirectories(outDir);
    List<CompletableFuture<ScanAllReport.Outcome>> tasks = new ArrayList<>();
    for (ScanInput in : unique.values()) {
      Path out = outDir.resolve(names.get(in.url()));
      tasks.add(Futures.supplyAsync(() -> scanOne(in, out, options), executor));
    }
    return new ScanAllReport(
        Futures.getAll(tasks)); // under FAIL, the first failure cancels the rest
  }

  /** Scans one input to {@code out}; a failure is thrown under FAIL and recorded under SKIP. */
  static ScanAllReport.Outcome scanOne(ScanInput in, Path out, ScanAllOptions options)
      throws IOException {
    String name = out.getFileName().toString();
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      ScanReport report =
          ReferenceSets.write(
              out, options.sink(), sink -> Scanners.scan(in, sources, options.scan(), sink));
      return new ScanAllReport.Outcome(in.url(), name, report, null);
    } catch (IOException | RuntimeException e) {
      if (options.scan().errorPolicy() == ErrorPolicy.FAIL) {
        throw new InputScanException(in.url(), e);
      }
      return new ScanAllReport.Outcome(in.url(), name, null, reason(e));
    }
  }

  private static String reason(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
