package io.refzarr.bench;

import io.refzarr.lazy.LazyOptions;
import io.refzarr.lazy.LazyReferenceSet;
import io.refzarr.lazy.LazyReferenceSets;
import io.refzarr.lazy.ParquetReferenceWriter;
import io.refzarr.lazy.WriteOptions;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.zarr.DType;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrGroupMetadata;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parquet reference sets (issue 4) against the baseline: {@code refs_to_dataframe} converts the
 * 1M-reference JSON in 7.52 s (520 MB); on the 10M-reference Parquet set fsspec opens and reads the
 * first chunk in 0.28 s and reads 200 random chunks in 0.67 s (393 MB). Targets: conversion under
 * 0.75 s with a 256 MB heap, open + first chunk under 100 ms from an empty cache, cached lookups
 * under 1 us, 200 random chunks' references under 50 ms. Forks run with {@code -Xmx256m}, so
 * finishing proves the heap bound. Run {@code main} for sizes on disk and the heap after touching
 * one array.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx256m"})
public class LazyParquetBenchmark {

  /** The 1M JSON, and a loaded copy for the write-only figure. */
  @State(Scope.Benchmark)
  public static class Million {
    Path json;
    Path out;
    ReferenceSet loaded;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      json = BenchData.millionRefsJson();
      out = BenchData.dir().resolve("bench-out-1m.parq");
      loaded = ReferenceSets.readJson(json);
    }
  }

  /** The 10M set, opened fresh per invocation (an empty cache each time). */
  @State(Scope.Benchmark)
  public static class TenMillion {
    /**
     * Another set of the same keys to open instead of refzarr's, e.g. the one fsspec's writer made
     * ({@code -p set=/tmp/refzarr-all/refs/tiled-1m-fsspec.parq}, from {@code
     * benchmarks/whole-process/all.sh --only lazy}).
     */
    @Param({""})
    String set;

    Path root;
    ReferenceFileSystemConfig config;
    int seed;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      root = set.isEmpty() ? tenMillionParquet() : Path.of(set);
      config = ReferenceFileSystemConfig.builder().root(BenchData.dir()).build();
    }
  }

  /** The 10M set, opened once, with one page already loaded. */
  @State(Scope.Benchmark)
  public static class Warm {
    LazyReferenceSet set;
    String[] keys = new String[64];
    int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      set = LazyReferenceSets.open(tenMillionParquet());
      for (int j = 0; j < keys.length; j++) {
        keys[j] = "data/0." + j;
        set.get(keys[j]).orElseThrow();
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      set.close();
    }
  }

  @Benchmark
  public void convertMillionJson(Million m) throws IOException {
    LazyReferenceSets.write(ReferenceSets.readJson(m.json), m.out, WriteOptions.DEFAULT);
  }

  @Benchmark
  public void writeMillionFromLoadedSet(Million m) throws IOException {
    LazyReferenceSets.write(m.loaded, m.out, WriteOptions.DEFAULT);
  }

  @Benchmark
  @Warmup(iterations = 50)
  @Measurement(iterations = 30)
  public byte[] openAndReadFirstChunk(TenMillion t) throws IOException {
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(t.root, t.config)) {
      return Files.readAllBytes(fs.getPath("/data/0.0"));
    }
  }

  /** Single-shot runs are short: more warm-up runs let the JIT compile the page decoding first. */
  @Benchmark
  @Warmup(iterations = 50)
  @Measurement(iterations = 30)
  public void open200RandomReferences(TenMillion t, Blackhole bh) throws IOException {
    Random r = new Random(t.seed++);
    try (LazyReferenceSet set = LazyReferenceSets.open(t.root)) {
      for (int k = 0; k < 200; k++) {
        bh.consume(set.get("data/" + r.nextInt(1000) + "." + r.nextInt(10_000)).orElseThrow());
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public Reference cachedLookup(Warm w) throws IOException {
    return w.set.get(w.keys[w.next++ & 63]).orElseThrow();
  }

  /**
   * The 10,000,000-reference set: the 1M scan tiled 10 times along axis 1 (shape 10000x100000),
   * every reference pointing into the same target, written with refzarr's streaming writer.
   */
  static Path tenMillionParquet() throws IOException {
    Path root = BenchData.dir().resolve("refs_10m.parq");
    if (Files.exists(root.resolve(".zmetadata"))) {
      return root;
    }
    BenchData.millionRefsJson(); // names the same target
    String target = BenchData.dir().resolve("many_chunks_1m.h5").toString();
    ParquetReferenceWriter w = LazyReferenceSets.writer(root, WriteOptions.DEFAULT);
    w.put(".zgroup", Reference.inline(ZarrGroupMetadata.toJson()));
    w.put(".zattrs", Reference.inline("{}".getBytes()));
    w.put(
        "data/.zarray",
        Reference.inline(
            ZarrArrayMetadata.builder()
                .shape(10_000, 100_000)
                .chunks(10, 10)
                .dtype(DType.parse("<i2"))
                .fillValue(0L)
                .build()
                .toJson()));
    w.put(
        "data/.zattrs",
        Reference.inline("{\"_ARRAY_DIMENSIONS\":[\"phony_dim_0\",\"phony_dim_1\"]}".getBytes()));
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      for (int j = 0; j < 10_000; j++) {
        key.setLength(0);
        key.append("data/").append(i).append('.').append(j);
        w.put(key.toString(), Reference.range(target, 4096 + 200L * (i * 1000 + j % 1000), 200));
      }
    }
    w.close();
    return root;
  }

  /**
   * Prints sizes on disk, the heap after touching one array of the 10M set, and the main phases
   * timed in wall-clock and in CPU time of the measuring thread (loads run on it here): on a shared
   * machine the CPU figure is the one that does not depend on what else is running.
   */
  public static void main(String[] args) throws Exception {
    Path json = BenchData.millionRefsJson();
    Path out = BenchData.dir().resolve("bench-out-1m.parq");
    Path ten = tenMillionParquet();
    LazyReferenceSets.write(ReferenceSets.readJson(json), out, WriteOptions.DEFAULT);
    System.out.printf(
        "sizes: 1M JSON %d bytes -> Parquet %d bytes (%.3f bytes/reference); 10M Parquet %d bytes"
            + " (%.3f bytes/reference)%n",
        Files.size(json), treeSize(out), treeSize(out) / 1e6, treeSize(ten), treeSize(ten) / 1e7);
    heapAfterTouchingOneArray(ten);
    Timer convert = new Timer();
    Timer write = new Timer();
    for (int i = 0; i < 8; i++) {
      convert.start();
      ReferenceSet set = ReferenceSets.readJson(json);
      write.start();
      LazyReferenceSets.write(set, out, WriteOptions.DEFAULT);
      write.stop();
      convert.stop();
    }
    System.out.println("1M JSON -> Parquet, read + write: " + convert + "; write only: " + write);
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder().root(BenchData.dir()).build();
    Timer first = new Timer();
    Timer random = new Timer();
    LazyOptions sameThread = LazyOptions.DEFAULT.withExecutor(Runnable::run);
    for (int i = 0; i < 40; i++) {
      first.start();
      try (LazyReferenceSet set = LazyReferenceSets.open(ten, sameThread);
          FileSystem fs = ReferenceFileSystems.newFileSystem(set, config)) {
        Files.readAllBytes(fs.getPath("/data/0.0"));
      }
      first.stop();
      Random r = new Random(i);
      random.start();
      try (LazyReferenceSet set = LazyReferenceSets.open(ten, sameThread)) {
        for (int k = 0; k < 200; k++) {
          set.get("data/" + r.nextInt(1000) + "." + r.nextInt(10_000)).orElseThrow();
        }
      }
      random.stop();
    }
    System.out.println(
        "10M: open + first chunk's bytes: " + first + "; open + 200 random references: " + random);
  }

  private static void heapAfterTouchingOneArray(Path ten) throws Exception {
    long before = JsonLoadBenchmark.usedAfterGc();
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder().root(BenchData.dir()).build();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(ten, config)) {
      byte[] chunk = Files.readAllBytes(fs.getPath("/data/0.0"));
      long after = JsonLoadBenchmark.usedAfterGc();
      System.out.printf(
          "heap used after touching one array (%d bytes read) %.1f MB (before opening %.1f MB)%n",
          chunk.length, after / 1e6, before / 1e6);
    }
  }

  /**
   * Wall and thread-CPU milliseconds per run, median over the runs after the first quarter
   * (warm-up).
   */
  private static final class Timer {
    private final java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final java.util.List<double[]> runs = new java.util.ArrayList<>();
    private long wall;
    private long cpu;

    void start() {
      wall = System.nanoTime();
      cpu = mx.getCurrentThreadCpuTime();
    }

    void stop() {
      runs.add(
          new double[] {
            (System.nanoTime() - wall) / 1e6, (mx.getCurrentThreadCpuTime() - cpu) / 1e6
          });
    }

    @Override
    public String toString() {
      java.util.List<double[]> warm = runs.subList(runs.size() / 4, runs.size());
      return String.format(
          "median %.1f ms wall, %.1f ms CPU (%d runs)",
          median(warm, 0), median(warm, 1), warm.size());
    }

    private static double median(java.util.List<double[]> runs, int i) {
      double[] v = runs.stream().mapToDouble(r -> r[i]).sorted().toArray();
      return v[v.length / 2];
    }
  }

  static long treeSize(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
