package io.refzarr.bench;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The 1 GiB read of {@link ReadChunksBenchmark}, timed as pairs: each round reads the whole variable
 * straight from the file, then through the file system, and the ratio of each pair is kept. On a shared,
 * busy machine the load drifts between JMH's separate runs; within a pair it mostly cancels. Prints the
 * median ratio. Run: {@code java -cp ... io.refzarr.bench.ReadChunksPaired [rounds]}.
 */
public final class ReadChunksPaired {
  private ReadChunksPaired() {}

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Path raw = ReadChunksBenchmark.rawFile();
    ReferenceSetBuilder b = ReferenceSets.builder();
    for (int i = 0; i < ReadChunksBenchmark.CHUNKS; i++) {
      b.putTargetRef("data/" + i, raw.toString(), (long) i * ReadChunksBenchmark.CHUNK, ReadChunksBenchmark.CHUNK);
    }
    double[] ratios = new double[rounds];
    long sink = 0;
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(b.build(), ReferenceFileSystemConfig.DEFAULT);
        FileChannel fc = FileChannel.open(raw)) {
      for (int r = -3; r < rounds; r++) { // three rounds of warm-up
        long t0 = System.nanoTime();
        sink += direct(fc);
        long t1 = System.nanoTime();
        sink += viaFileSystem(fs);
        long t2 = System.nanoTime();
        if (r >= 0) {
          ratios[r] = (double) (t1 - t0) / (t2 - t1);
          System.out.printf("round %2d: direct %5.0f MB/s, file system %5.0f MB/s, ratio %.2f%n", r,
              mbPerS(t1 - t0), mbPerS(t2 - t1), ratios[r]);
        }
      }
    }
    Arrays.sort(ratios);
    System.out.printf("median file-system/direct throughput ratio over %d rounds: %.2f (min %.2f, max %.2f) [%d]%n",
        rounds, ratios[rounds / 2], ratios[0], ratios[rounds - 1], sink & 1);
  }

  private static double mbPerS(long nanos) {
    return (double) ReadChunksBenchmark.CHUNKS * ReadChunksBenchmark.CHUNK / 1e6 / (nanos / 1e9);
  }

  private static long direct(FileChannel fc) throws IOException {
    long sink = 0;
    for (int i = 0; i < ReadChunksBenchmark.CHUNKS; i++) {
      ByteBuffer buf = ByteBuffer.wrap(new byte[ReadChunksBenchmark.CHUNK]);
      long pos = (long) i * ReadChunksBenchmark.CHUNK;
      while (buf.hasRemaining()) {
        pos += fc.read(buf, pos);
      }
      sink += buf.get(i);
    }
    return sink;
  }

  private static long viaFileSystem(FileSystem fs) throws IOException {
    long sink = 0;
    for (int i = 0; i < ReadChunksBenchmark.CHUNKS; i++) {
      sink += Files.readAllBytes(fs.getPath("/data/" + i))[i];
    }
    return sink;
  }
}
