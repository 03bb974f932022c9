package io.refzarr.bench;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.ops.ReferenceOps;
import io.refzarr.ops.Summary;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.ReferenceSink;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * {@code ReferenceOps.inline} of chunks served over HTTP with 20 ms added to every request: {@code
 * contiguous}, 100,000 chunks of 200 bytes back to back (a set scanned from one file); {@code
 * scattered}, 1,000 chunks of 4 KiB 100 KiB apart (nothing mergeable). Prints the median time of 5
 * runs (after 2 warm-ups) and the GETs one run makes. Run: {@code java -Xmx512m -cp
 * "benchmarks/target/classes:benchmarks/target/lib/*" io.refzarr.bench.InlineHttpBenchmark}.
 */
public final class InlineHttpBenchmark {
  private InlineHttpBenchmark() {}

  public static void main(String[] args) throws IOException {
    run("contiguous", 100_000, 200, 200);
    run("scattered", 1_000, 4096, 100 * 1024);
  }

  private static void run(String layout, int n, int chunk, int stride) throws IOException {
    byte[] data = new byte[4096 + n * stride];
    new Random(1).nextBytes(data);
    try (LatencyHttpServer server = new LatencyHttpServer(data, Duration.ofMillis(20))) {
      ReferenceSetBuilder b = ReferenceSets.builder();
      for (int i = 0; i < n; i++) {
        b.putTargetRef("grid/" + i, server.url(), 4096 + (long) i * stride, chunk);
      }
      ReferenceSet set = b.build();
      long[] millis = new long[7];
      int gets = 0;
      for (int r = 0; r < millis.length; r++) {
        int before = server.gets();
        long start = System.nanoTime();
        try (ReferenceReader reader = ReferenceReader.create(ReferenceFileSystemConfig.DEFAULT)) {
          Summary s = ReferenceOps.inline(set, chunk + 1, reader, new Discard());
          if (s.rewritten() != n) {
            throw new IllegalStateException("inlined " + s.rewritten() + " of " + n);
          }
        }
        millis[r] = (System.nanoTime() - start) / 1_000_000;
        gets = server.gets() - before;
      }
      long[] measured = Arrays.copyOfRange(millis, 2, millis.length);
      Arrays.sort(measured);
      System.out.printf(
          "%s: %d chunks of %d B, median %d ms (runs %s), %d GETs per run%n",
          layout, n, chunk, measured[measured.length / 2], Arrays.toString(measured), gets);
    }
  }

  /** Counts nothing, keeps nothing: the fetches are what is measured. */
  private static final class Discard implements ReferenceSink {
    @Override
    public void put(String key, Reference ref) {}

    @Override
    public void close() {}
  }
}
