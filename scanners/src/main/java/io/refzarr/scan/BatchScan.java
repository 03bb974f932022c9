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
    Running running = new Running();
    for (ScanInput in : unique.values()) {
      Path out = outDir.resolve(names.get(in.url()));
      tasks.add(Futures.supplyAsync(() -> running.run(() -> scanOne(in, out, options)), executor));
    }
    try {
      return new ScanAllReport(
          Futures.getAll(tasks)); // under FAIL, the first failure cancels the rest
    } finally {
      running.awaitNone(); // scans already started finish before the caller sees the result
    }
  }

  /**
   * Counts the scans running: cancelling a task that has started does not stop it, and none may
   * still write into the output directory once {@link #run} has returned or thrown.
   */
  private static final class Running {
    private int count;

    <T> T run(Futures.IoCallable<T> task) throws IOException {
      synchronized (this) {
        count++;
      }
      try {
        return task.call();
      } finally {
        synchronized (this) {
          count--;
          notifyAll();
        }
      }
    }

    synchronized void awaitNone() {
      boolean interrupted = false;
      while (count > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
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
