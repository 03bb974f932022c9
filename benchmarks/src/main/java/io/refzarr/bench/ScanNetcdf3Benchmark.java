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
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Scanning the netCDF3 benchmark file (600 MB, 20,000 records: 80,003 chunk references) into an
 * in-memory reference set (issue 7's target: under 40 ms; kerchunk's {@code
 * NetCDF3ToZarr(f).translate()}: 0.41 s), and the same shape with 1,000,000 records (4,000,003
 * references) for the scaling. Run {@code main} for the reference count and the bytes the scan
 * reads (only the header).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx2g"})
public class ScanNetcdf3Benchmark {
  @Param({"20000", "1000000"})
  public long records;

  private ScanInput input;
  private ByteRangeReaders sources;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path file = Netcdf3BenchFile.withRecords(records);
    input = new ScanInput(file.getFileName().toString(), file.toUri());
    sources = ByteRangeReaders.create(Map.of());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    sources.close();
  }

  @Benchmark
  public ReferenceSet scan() throws IOException {
    return scan(input, sources).set;
  }

  private record Scan(ReferenceSet set, ScanReport report) {}

  private static Scan scan(ScanInput input, ByteRangeReaders sources) throws IOException {
    ReferenceSetBuilder builder = ReferenceSets.builder();
    ScanReport report = Scanners.netcdf3().scan(input, sources, ScanOptions.DEFAULT, builder);
    return new Scan(builder.build(), report);
  }

  /** Prints, per file: size, references (chunk references alone), read requests and bytes read. */
  public static void main(String[] args) throws IOException {
    for (long n : new long[] {20_000, 1_000_000}) {
      Path file = Netcdf3BenchFile.withRecords(n);
      try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
        long t0 = System.nanoTime();
        Scan s = scan(new ScanInput(file.getFileName().toString(), file.toUri()), sources);
        long t1 = System.nanoTime();
        long chunkRefs =
            s.set.keys().filter(k -> !k.contains("/.z") && !k.startsWith(".z")).count();
        System.out.printf(
            "%s: %.1f MB, %d keys (%d chunk references), %d requests, %d bytes read,"
                + " %s; first (cold JVM) scan %.0f ms%n",
            file.getFileName(),
            Files.size(file) / 1e6,
            s.report.references(),
            chunkRefs,
            s.report.requests(),
            s.report.bytesRead(),
            s.report.notes(),
            (t1 - t0) / 1e6);
      }
    }
  }
}
