package io.refzarr.bench;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading the 1,000,004-key JSON reference set (issue 2's target: under 0.5 s and under 100 MB
 * retained; Python's {@code ujson.load}: 1.97 s, +306 MB). Run {@code main} for the retained-heap
 * figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class JsonLoadBenchmark {
  private Path json;

  @Setup
  public void setUp() throws IOException {
    json = BenchData.millionRefsJson();
  }

  @Benchmark
  public ReferenceSet load() throws IOException {
    return ReferenceSets.readJson(json);
  }

  /** Prints the file size, one cold load time, and the heap the loaded set retains. */
  public static void main(String[] args) throws Exception {
    Path json = BenchData.millionRefsJson();
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    ReferenceSet set = ReferenceSets.readJson(json);
    long t1 = System.nanoTime();
    long after = usedAfterGc();
    System.out.printf(
        "file %.1f MB, %d keys, first (cold JVM) load %.0f ms, retained heap %.1f MB%n",
        Files.size(json) / 1e6, set.size(), (t1 - t0) / 1e6, (after - before) / 1e6);
    System.out.println(set.get("data/999.999").orElseThrow()); // keeps the set reachable until here
  }

  static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
