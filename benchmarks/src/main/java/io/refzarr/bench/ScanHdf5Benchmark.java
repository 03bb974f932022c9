package io.refzarr.bench;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scanning HDF5 / netCDF4 files into in-memory reference sets, against the Python baseline: {@code
 * many_chunks.h5} (102,400 gzip chunks; kerchunk with {@code inline_threshold=0}: 1.45 s = 70,500
 * chunks/s; target 700,000 chunks/s, i.e. under 146 ms), {@code many_chunks_1m.h5} (1,000,000
 * chunks; kerchunk 15.1 s, 667 MB; target under 1.5 s with under 300 MB of heap: the fork runs with
 * {@code -Xmx300m}), and 365 daily netCDF4 files scanned and written as JSON on two threads
 * (kerchunk 7.5 s; target under 0.75 s). All single scans are single-threaded, inline threshold 0
 * as kerchunk's figure. The files come from {@code python3 ../shared/tools/make_corpus.py bench
 * --out bench-data --what many_chunks,many_chunks_1m,daily365} (numpy, h5py, netCDF4). Run {@code
 * main} for requests and bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx300m"})
public class ScanHdf5Benchmark {
  private static final ScanOptions NO_INLINE = ScanOptions.DEFAULT.withInlineThreshold(0);

  private ByteRangeReaders sources;
  private Path manyChunks;
  private Path manyChunks1m;
  private List<Path> daily;
  private ExecutorService pool;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    sources = ByteRangeReaders.create(Map.of());
    manyChunks = input("many_chunks.h5");
    manyChunks1m = input("many_chunks_1m.h5");
    daily = daily365();
    pool = Executors.newFixedThreadPool(2);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    pool.shutdownNow();
    sources.close();
  }

  /** 102,400 chunks: chunks/s = 102,400 / the time per operation. */
  @Benchmark
  public ReferenceSet scanManyChunks() throws IOException {
    return scan(manyChunks, sources, NO_INLINE).set;
  }

  /** 1,000,000 chunks in a 300 MB heap. */
  @Benchmark
  @Measurement(iterations = 3, time = 2)
  public ReferenceSet scanManyChunks1m() throws IOException {
    return scan(manyChunks1m, sources, NO_INLINE).set;
  }

  /** 365 daily files, each scanned (default options) and written as JSON, on two threads. */
  @Benchmark
  public long scanDaily365TwoThreads() throws Exception {
    List<Future<Long>> parts = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int first = t;
      parts.add(
          pool.submit(
              () -> {
                long bytes = 0;
                // one registry per thread: refs-nio's NIO reader can close a channel another thread
                // is sizing
                // once more than 128 files are open (reported; see the scanner's report)
                try (ByteRangeReaders mine = ByteRangeReaders.create(Map.of())) {
                  for (int i = first; i < daily.size(); i += 2) {
                    CountingStream out = new CountingStream();
                    ReferenceSets.writeJson(scan(daily.get(i), mine, ScanOptions.DEFAULT).set, out);
                    bytes += out.count;
                  }
                }
                return bytes;
              }));
    }
    long total = 0;
    for (Future<Long> f : parts) {
      total += f.get();
    }
    return total;
  }

  private record Scan(ReferenceSet set, ScanReport report) {}

  private static Scan scan(Path file, ByteRangeReaders sources, ScanOptions options)
      throws IOException {
    ReferenceSetBuilder builder = ReferenceSets.builder();
    ScanReport report =
        Scanners.hdf5()
            .scan(
                new ScanInput(file.getFileName().toString(), file.toUri()),
                sources,
                options,
                builder);
    return new Scan(builder.build(), report);
  }

  private static Path input(String name) throws IOException {
    Path file = BenchData.dir().resolve(name);
    if (!Files.exists(file)) {
      throw new NoSuchFileException(
          file
              + " (make it with: python3 ../shared/tools/make_corpus.py bench"
              + " --out bench-data --what many_chunks,many_chunks_1m,daily365)");
    }
    return file;
  }

  private static List<Path> daily365() throws IOException {
    Path dir = input("daily");
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files =
          s.filter(p -> p.getFileName().toString().endsWith(".nc"))
              .sorted()
              .limit(365)
              .collect(Collectors.toList());
      if (files.size() < 365) {
        throw new NoSuchFileException(dir + " holds " + files.size() + " daily files, 365 needed");
      }
      return files;
    }
  }

  /** Counts what is written, keeping nothing. */
  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /**
   * Prints, per file: keys, read requests, bytes read and a cold single scan's time and heap use.
   */
  public static void main(String[] args) throws IOException {
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      for (String name : new String[] {"many_chunks.h5", "many_chunks_1m.h5"}) {
        Path file = input(name);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        Scan s = scan(file, sources, NO_INLINE);
        long t1 = System.nanoTime();
        long after = rt.totalMemory() - rt.freeMemory();
        System.out.printf(
            "%s: %.1f MB, %d keys, %d requests, %d bytes read; cold scan %.0f ms,"
                + " heap grew %.0f MB (set kept)%n",
            name,
            Files.size(file) / 1e6,
            s.report.references(),
            s.report.requests(),
            s.report.bytesRead(),
            (t1 - t0) / 1e6,
            (after - before) / 1e6);
        s.set.close();
      }
    }
  }
}
