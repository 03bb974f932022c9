package io.refzarr.bench;

import io.refzarr.bridge.ArrayData;
import io.refzarr.bridge.ZarrArray;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading the whole 1 GiB benchmark variable ({@code data}, float32 256x1024x1024 in 2 MiB chunks)
 * through the {@code reference} file system with zarr-bridge, on every core: {@code big_gzip}
 * (shuffle + gzip 1; target 540 MB/s; h5py 268, zarr-python through references 318) and {@code
 * big_raw} (no filter; target 80% of {@link #fileBytes}, reading the same file's bytes straight
 * from disk in the same run). MB/s = 1073.74 / seconds per operation. The files come from {@code
 * make_corpus.py bench --what big,big_gzip} into {@code bench-data/}; the references from refzarr's
 * own HDF5 scanner, made once in the setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx4g"})
public class ReadArrayBenchmark {
  @Param({"big_gzip", "big_raw"})
  public String file;

  private Path h5;
  private FileSystem fs;
  private ZarrArray array;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    h5 = BenchData.dir().resolve(file + ".h5");
    if (!Files.exists(h5)) {
      throw new IllegalStateException(
          h5
              + " is missing: python3 ../shared/tools/make_corpus.py bench --out "
              + BenchData.dir()
              + " --what big,big_gzip");
    }
    fs =
        ReferenceFileSystems.newFileSystem(
            scan(h5), ReferenceFileSystemConfig.builder().root(h5.getParent()).build());
    array = ZarrArray.open(fs.getPath("/data"));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fs.close();
  }

  static ReferenceSet scan(Path h5) throws IOException {
    ReferenceSetBuilder builder = ReferenceSets.builder();
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      Scanners.hdf5()
          .scan(
              new ScanInput(h5.getFileName().toString(), h5.toUri()),
              sources,
              ScanOptions.DEFAULT,
              builder);
    }
    return builder.build();
  }

  /** The whole variable through references: fetch, decode and place all 512 chunks. */
  @Benchmark
  public ArrayData readArray() throws IOException {
    return array.read();
  }

  /**
   * The file's bytes straight from disk into one heap array, one thread: the yardstick for big_raw.
   */
  @Benchmark
  public byte[] fileBytes() throws IOException {
    try (FileChannel ch = FileChannel.open(h5, StandardOpenOption.READ)) {
      byte[] out = new byte[(int) ch.size()];
      ByteBuffer b = ByteBuffer.wrap(out);
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // loop: a FileChannel may return fewer bytes than asked
      }
      return out;
    }
  }

  /**
   * Quick figures without JMH, per file: wall-clock MB/s of {@link #readArray} and {@link
   * #fileBytes}, and MB per CPU-second of the process (on a shared, loaded machine the wall clock
   * understates what two idle cores give; the CPU figure times the core count bounds it).
   */
  public static void main(String[] args) throws IOException {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (String f : args.length > 0 ? args : new String[] {"big_gzip", "big_raw"}) {
      ReadArrayBenchmark b = new ReadArrayBenchmark();
      b.file = f;
      b.setUp();
      for (int i = 0; i < 5; i++) {
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ArrayData d = b.readArray();
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - c0) / 1e9;
        long t1 = System.nanoTime();
        byte[] raw = b.fileBytes();
        double s2 = (System.nanoTime() - t1) / 1e9;
        double mb = d.size() * 4.0 / 1e6;
        System.out.printf(
            "%s: %.0f MB in %.3f s = %.0f MB/s (%.0f MB per CPU-second); file bytes %.0f MB/s%n",
            f, mb, s, mb / s, mb / cpu, raw.length / s2 / 1e6);
      }
      b.tearDown();
    }
  }
}
