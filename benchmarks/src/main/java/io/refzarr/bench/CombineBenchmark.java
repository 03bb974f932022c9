package io.refzarr.bench;

import io.refzarr.combine.CombineInput;
import io.refzarr.combine.CombineSpec;
import io.refzarr.combine.Combiner;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.refs.ReferenceSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Combining the daily benchmark series' single-file sets (JSON files scanned by refzarr, see {@link
 * DailySets}) like {@code MultiZarrToZarr(paths, concat_dims=["time"],
 * identical_dims=["lat","lon"]) .translate()}: 2.59 s for 365 inputs and 7.25 s for 1,000 in Python
 * (baseline.md); target 20x faster (130 ms, 363 ms). Each input's JSON is read and its {@code time}
 * chunk is read from the netCDF file, as kerchunk does. {@code main} is the timed harness: median
 * of repeated in-process runs and peak heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx512m"})
public class CombineBenchmark {
  @Param({"365", "1000"})
  public int inputs;

  private List<CombineInput> sets;
  private CombineSpec spec;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    sets = inputs(inputs);
    spec = spec();
  }

  @Benchmark
  public ReferenceSet combine() throws IOException {
    return Combiner.combine(sets, spec);
  }

  static List<CombineInput> inputs(int n) throws IOException {
    List<CombineInput> out = new ArrayList<>();
    for (Path p : DailySets.jsonSets(n)) {
      out.add(CombineInput.of(p));
    }
    return out;
  }

  static CombineSpec spec() throws IOException {
    return CombineSpec.builder()
        .concatDims("time")
        .identicalDims("lat", "lon")
        .targets(ReferenceFileSystemConfig.builder().root(BenchData.dir()).build())
        .build();
  }

  /**
   * Prints, per size: keys, median and best of 15 runs after 10 warm-up runs, and peak heap in use.
   */
  public static void main(String[] args) throws IOException {
    int[] sizes =
        args.length == 0
            ? new int[] {365, 1000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    for (int n : sizes) {
      List<CombineInput> sets = inputs(n);
      CombineSpec spec = spec();
      for (int i = 0; i < 10; i++) {
        Combiner.combine(sets, spec);
      }
      long[] times = new long[15];
      long keys = 0;
      resetPeaks();
      long cpu0 = processCpuNanos();
      for (int i = 0; i < times.length; i++) {
        long t0 = System.nanoTime();
        keys = Combiner.combine(sets, spec).size();
        times[i] = System.nanoTime() - t0;
      }
      long cpu = (processCpuNanos() - cpu0) / times.length;
      Arrays.sort(times);
      System.out.printf(
          "combine %d daily sets: %d keys, median %.1f ms, best %.1f ms, CPU %.1f ms per combine"
              + " (all threads, GC and JIT included), peak heap %.0f MB (max %d MB)%n",
          n,
          keys,
          times[times.length / 2] / 1e6,
          times[0] / 1e6,
          cpu / 1e6,
          peakHeap() / 1e6,
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  /** CPU time of the whole process (a loaded machine stretches wall time, not this). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
