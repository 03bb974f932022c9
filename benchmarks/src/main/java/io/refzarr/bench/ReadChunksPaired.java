package io.refzarr.bench;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The 1 GiB read of {@link ReadChunksBenchmark}, timed as pairs: each round reads the whole
 * variable straight from the file and through the file system (alternating which goes first), and
 * the ratio of each pair is kept. On a shared, busy machine the load drifts between JMH's separate
 * runs; within a pair it mostly cancels. Prints the median ratio, and the median ratio of the
 * reading thread's CPU time (blind to time the thread spent waiting for a core). Run: {@code java
 * -cp ... io.refzarr.bench.ReadChunksPaired [rounds [readKeys]]} ({@code readKeys}: the file-system
 * side reads 64 keys per {@code ReferenceFileSystems.readKeys} call instead of {@code
 * Files.readAllBytes} per key).
 */
public final class ReadChunksPaired {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private ReadChunksPaired() {}

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    boolean batches = args.length > 1 && args[1].equals("readKeys");
    Path raw = ReadChunksBenchmark.rawFile();
    ReferenceSetBuilder b = ReferenceSets.builder();
    for (int i = 0; i < ReadChunksBenchmark.CHUNKS; i++) {
      b.putTargetRef(
          "data/" + i,
          raw.toString(),
          (long) i * ReadChunksBenchmark.CHUNK,
          ReadChunksBenchmark.CHUNK);
    }
    double[] ratios = new double[rounds];
    double[] cpuRatios = new double[rounds];
    long sink = 0;
    try (FileSystem fs =
            ReferenceFileSystems.newFileSystem(b.build(), ReferenceFileSystemConfig.DEFAULT);
        FileChannel fc = FileChannel.open(raw)) {
      for (int r = -3; r < rounds; r++) { // three rounds of warm-up
        // alternate which goes first, so that garbage one leaves for the collector does not always
        // land on the other
        boolean directFirst = (r & 1) == 0;
        long tDirect = 0;
        long tFs = 0;
        long cDirect = 0;
        long cFs = 0;
        for (int k = 0; k < 2; k++) {
          long t0 = System.nanoTime();
          long c0 = CPU.getCurrentThreadCpuTime();
          if ((k == 0) == directFirst) {
            sink += direct(fc);
            tDirect = System.nanoTime() - t0;
            cDirect = CPU.getCurrentThreadCpuTime() - c0;
          } else {
            sink += batches ? viaReadKeys(fs) : viaFileSystem(fs);
            tFs = System.nanoTime() - t0;
            cFs = CPU.getCurrentThreadCpuTime() - c0;
          }
        }
        if (r >= 0) {
          ratios[r] = (double) tDirect / tFs;
          cpuRatios[r] = (double) cDirect / cFs;
          System.out.printf(
              "round %2d: direct %5.0f MB/s, file system %5.0f MB/s, ratio %.2f%s%n",
              r,
              mbPerS(tDirect),
              mbPerS(tFs),
              ratios[r],
              batches ? "" : String.format("; CPU-time ratio %.2f", cpuRatios[r]));
        }
      }
    }
    Arrays.sort(ratios);
    Arrays.sort(cpuRatios);
    if (!batches) { // readKeys works on the read pool's threads: the caller's CPU time says nothing
      System.out.printf(
          "median CPU-time ratio (the reading thread's own time, blind to other processes): %.2f%n",
          cpuRatios[rounds / 2]);
    }
    System.out.printf(
        "median file-system/direct throughput ratio over %d rounds: %.2f (min %.2f, max %.2f) [%d]%n",
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

  private static long viaReadKeys(FileSystem fs) throws IOException {
    long sink = 0;
    for (int i = 0; i < ReadChunksBenchmark.CHUNKS; i += 64) {
      java.util.List<String> keys = new java.util.ArrayList<>();
      for (int k = i; k < i + 64; k++) {
        keys.add("data/" + k);
      }
      sink += ReferenceFileSystems.readKeys(fs, keys).size();
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
