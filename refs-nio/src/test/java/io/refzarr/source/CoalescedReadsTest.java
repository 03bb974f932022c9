package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.TrackingByteRangeReader;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * I/O counted with a tracking source (remote-like, over the corpus files): neighbouring chunks cost
 * one request, a whole variable a handful, a second read none, and concurrent readers of one chunk
 * one fetch.
 */
class CoalescedReadsTest {
  private final TrackingByteRangeReader tracking =
      new TrackingByteRangeReader(ByteRangeReaders.nio(), true);
  private ReferenceSet set;
  private List<String> chunksByOffset;

  @BeforeEach
  void load() throws IOException {
    set = ReferenceSets.readJson(Corpus.file("golden/hdf5_chunkgrid.json"));
    chunksByOffset =
        set.keys()
            .filter(k -> k.startsWith("grid/") && !k.contains("/."))
            .sorted(Comparator.comparingLong(this::offset))
            .collect(Collectors.toList());
  }

  private long offset(String key) {
    try {
      return ((Reference.Range) set.get(key).orElseThrow()).offset();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private FileSystem open(ReferenceFileSystemConfig.Builder b) {
    return ReferenceFileSystems.newFileSystem(
        set, b.root(Corpus.dir()).sourceProvider(tracking.provider("file")).build());
  }

  @Test
  void readKeys_twoNeighbouringChunks_costOneRequest() throws IOException {
    try (FileSystem fs = open(ReferenceFileSystemConfig.builder())) {
      Map<String, byte[]> got = ReferenceFileSystems.readKeys(fs, chunksByOffset.subList(10, 12));
      assertThat(got).hasSize(2);
      assertThat(tracking.requests()).isEqualTo(1);
    }
  }

  @Test
  void readKeys_wholeVariable_costsAHandfulThenNothing() throws IOException {
    assertThat(chunksByOffset).hasSize(1000);
    try (FileSystem fs = open(ReferenceFileSystemConfig.builder())) {
      Map<String, byte[]> got = ReferenceFileSystems.readKeys(fs, chunksByOffset);
      assertThat(got).hasSize(1000);
      assertThat(tracking.requests()).isBetween(1, 5);
      assertThat(tracking.bytes()).isLessThan(2L * 1000 * 640);
      tracking.reset();
      ReferenceFileSystems.readKeys(fs, chunksByOffset);
      assertThat(tracking.requests()).isZero();
      assertThat(ReferenceFileSystems.cacheStats(fs).hits()).isEqualTo(1000);
      assertThat(ReferenceFileSystems.cacheStats(fs).misses()).isEqualTo(1000);
    }
  }

  @Test
  void readKeys_mergingDisabled_costsOneRequestPerChunk() throws IOException {
    try (FileSystem fs =
        open(ReferenceFileSystemConfig.builder().maxGap(-1).maxConcurrentRequests(4))) {
      ReferenceFileSystems.readKeys(fs, chunksByOffset.subList(0, 50));
      assertThat(tracking.requests()).isEqualTo(50);
    }
  }

  @Test
  void readKeys_smallMaxBlock_splitsRequests() throws IOException {
    try (FileSystem fs = open(ReferenceFileSystemConfig.builder().maxBlock(10 * 640))) {
      ReferenceFileSystems.readKeys(fs, chunksByOffset.subList(0, 100));
      assertThat(tracking.requests()).isGreaterThanOrEqualTo(10);
      assertThat(tracking.reads()).allMatch(r -> r.length() <= 10 * 640);
    }
  }

  @Test
  void readAllBytes_manyThreadsOnOneChunk_shareOneFetch() throws Exception {
    String key = chunksByOffset.get(0);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (FileSystem fs = open(ReferenceFileSystemConfig.builder())) {
      List<Callable<byte[]>> tasks = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        tasks.add(() -> Files.readAllBytes(fs.getPath("/" + key)));
      }
      byte[] first = null;
      for (Future<byte[]> f : pool.invokeAll(tasks)) {
        first = first == null ? f.get() : first;
        assertThat(f.get()).isEqualTo(first);
      }
      assertThat(tracking.requests()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void readAllBytes_cacheDisabled_readsEachTime() throws IOException {
    try (FileSystem fs = open(ReferenceFileSystemConfig.builder().blockCacheBytes(0))) {
      Files.readAllBytes(fs.getPath("/" + chunksByOffset.get(0)));
      Files.readAllBytes(fs.getPath("/" + chunksByOffset.get(0)));
      assertThat(tracking.requests()).isEqualTo(2);
    }
  }

  @Test
  void read_smallPiecesOfAWholeTarget_costOneRequestPerBlock(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    byte[] original = new byte[(7 << 19) + 123]; // 3.5 MiB and a bit: four 1 MiB blocks
    new java.util.Random(3).nextBytes(original);
    Files.write(dir.resolve("big.bin"), original);
    io.refzarr.refs.ReferenceSetBuilder b = ReferenceSets.builder();
    b.put("file.bin", Reference.whole("big.bin"));
    // a cache of 8 MiB keeps ranges up to 2 MiB whole: the 3.5 MiB target goes by blocks
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder()
            .root(dir)
            .blockCacheBytes(8 << 20)
            .sourceProvider(tracking.provider("file"))
            .build();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(b.build(), config);
        java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(fs.getPath("/file.bin"))) {
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1000);
      while (ch.read(buf.clear()) > 0) {
        got.write(buf.array(), 0, buf.position());
      }
      assertThat(got.toByteArray()).isEqualTo(original);
      assertThat(tracking.requests()).isEqualTo(4);
    }
  }
}
