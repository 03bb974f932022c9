package io.refzarr.bench;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * 1,000 chunks of one file from a local HTTP server that adds 20 ms to every request, read with one
 * {@code ReferenceFileSystems.readKeys} call on a fresh file system (cold cache). Target: under 40
 * round trips' worth of time (800 ms), against 1,000 sequential requests (20 s; see {@link
 * #sequential50}, 50 of them one after another).
 *
 * <p>Layouts: {@code contiguous}, 1,000 chunks of 640 bytes back to back (like {@code
 * hdf5_chunkgrid.h5}): coalescing makes them one request; {@code scattered}, 1,000 chunks of 4 KiB
 * 100 KiB apart: nothing can be merged (gap over 64 kB), so the time is set by the number of
 * requests in flight.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class HttpChunksBenchmark {
  static final Duration LATENCY = Duration.ofMillis(20);

  @Param({"contiguous", "scattered"})
  public String layout;

  @Param({"16", "32", "64"})
  public int maxConcurrentRequests;

  private LatencyHttpServer server;
  private ReferenceSet refs;
  private List<String> keys;
  private FileSystem fs;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    boolean contiguous = layout.equals("contiguous");
    int chunk = contiguous ? 640 : 4096;
    int stride = contiguous ? 640 : 100 * 1024;
    byte[] data = new byte[4096 + 1000 * stride];
    new Random(1).nextBytes(data);
    server = new LatencyHttpServer(data, LATENCY);
    keys = new ArrayList<>();
    ReferenceSetBuilder b = ReferenceSets.builder();
    for (int i = 0; i < 1000; i++) {
      b.putTargetRef("grid/" + i, server.url(), 4096 + (long) i * stride, chunk);
      keys.add("grid/" + i);
    }
    refs = b.build();
  }

  @Setup(Level.Invocation)
  public void openFileSystem() {
    fs =
        ReferenceFileSystems.newFileSystem(
            refs,
            ReferenceFileSystemConfig.builder()
                .maxConcurrentRequests(maxConcurrentRequests)
                .build());
  }

  @TearDown(Level.Invocation)
  public void closeFileSystem() throws IOException {
    fs.close();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
  }

  /** All 1,000 chunks in one multi-key read. */
  @Benchmark
  public Map<String, byte[]> readKeys1000() throws IOException {
    Map<String, byte[]> got = ReferenceFileSystems.readKeys(fs, keys);
    if (got.size() != 1000) {
      throw new IllegalStateException("read " + got.size() + " chunks");
    }
    return got;
  }

  /** The baseline's unit: 50 chunks read one request after another (x20 for 1,000). */
  @Benchmark
  public long sequential50() throws IOException {
    long n = 0;
    for (String k : keys.subList(0, 50)) {
      n += Files.readAllBytes(fs.getPath("/" + k)).length;
    }
    return n;
  }
}
