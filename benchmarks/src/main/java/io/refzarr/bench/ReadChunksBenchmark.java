package io.refzarr.bench;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.zarr.DType;
import io.refzarr.zarr.ZarrArrayMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading a whole 1 GiB chunked variable (512 chunks of 2 MiB in one raw file, {@code
 * bench-data/chunks_1g.raw}, made here on first use) through the {@code reference} file system,
 * against reading the same bytes straight from the file. Target: the file-system reads at 80% or
 * more of {@link #directFile}. MB/s = 1073.74 / seconds per operation. Every method reads every
 * chunk into a fresh array, as a Zarr reader does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx2g"})
public class ReadChunksBenchmark {
  static final int CHUNK = 2 << 20;
  static final int CHUNKS = 512;

  private Path raw;
  private FileChannel channel;
  private FileSystem fs;
  private List<String> keys;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    raw = rawFile();
    channel = FileChannel.open(raw, StandardOpenOption.READ);
    ReferenceSetBuilder b = ReferenceSets.builder();
    b.putInline(
        "data/.zarray",
        ZarrArrayMetadata.builder()
            .shape((long) CHUNKS * CHUNK / 4)
            .chunks(CHUNK / 4)
            .dtype(DType.parse("<f4"))
            .fillValue(0L)
            .build()
            .toJson());
    keys = new ArrayList<>();
    for (int i = 0; i < CHUNKS; i++) {
      b.putTargetRef("data/" + i, raw.toString(), (long) i * CHUNK, CHUNK);
      keys.add("data/" + i);
    }
    fs = ReferenceFileSystems.newFileSystem(b.build(), ReferenceFileSystemConfig.DEFAULT);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fs.close();
    channel.close();
  }

  /** The 1 GiB raw file of random floats, made once. */
  static Path rawFile() throws IOException {
    Path file = BenchData.dir().resolve("chunks_1g.raw");
    if (Files.exists(file) && Files.size(file) == (long) CHUNKS * CHUNK) {
      return file;
    }
    Path tmp = Files.createTempFile(BenchData.dir(), "chunks_1g", ".tmp");
    byte[] chunk = new byte[CHUNK];
    Random rnd = new Random(42);
    try (OutputStream out = Files.newOutputStream(tmp)) {
      for (int i = 0; i < CHUNKS; i++) {
        rnd.nextBytes(chunk);
        out.write(chunk);
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** The baseline: positional reads of each chunk from one open FileChannel. */
  @Benchmark
  public void directFile(Blackhole bh) throws IOException {
    for (int i = 0; i < CHUNKS; i++) {
      ByteBuffer buf = ByteBuffer.wrap(new byte[CHUNK]);
      long pos = (long) i * CHUNK;
      while (buf.hasRemaining()) {
        pos += channel.read(buf, pos);
      }
      bh.consume(buf.array());
    }
  }

  /** {@code Files.readAllBytes} of each chunk key, one after another. */
  @Benchmark
  public void fileSystemReadAllBytes(Blackhole bh) throws IOException {
    for (String k : keys) {
      bh.consume(Files.readAllBytes(fs.getPath("/" + k)));
    }
  }

  /**
   * {@code ReferenceFileSystems.readKeys}, 64 keys per call (the read pool runs them concurrently).
   */
  @Benchmark
  public void fileSystemReadKeys(Blackhole bh) throws IOException {
    for (int i = 0; i < CHUNKS; i += 64) {
      bh.consume(ReferenceFileSystems.readKeys(fs, keys.subList(i, i + 64)));
    }
  }
}
