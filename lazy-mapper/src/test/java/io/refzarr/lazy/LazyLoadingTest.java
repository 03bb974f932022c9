package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening reads only .zmetadata; a lookup decodes one page; listing streams page by page. */
class LazyLoadingTest {
  static final int SIDE = 100; // 100 x 100 chunks: 10,000 references
  @TempDir static Path tmp;
  static Path dir;

  @BeforeAll
  static void write() throws IOException {
    ReferenceSetBuilder b = ReferenceSets.builder();
    b.putInline(".zgroup", "{\"zarr_format\":2}".getBytes());
    b.putInline(
        "g/v/.zarray",
        ("{\"shape\":["
                + SIDE * 10
                + ","
                + SIDE * 10
                + "],\"chunks\":[10,10],"
                + "\"dtype\":\"<i2\",\"compressor\":null,\"fill_value\":0,\"filters\":null,\"order\":\"C\","
                + "\"zarr_format\":2}")
            .getBytes());
    for (int i = 0; i < SIDE; i++) {
      for (int j = 0; j < SIDE; j++) {
        if ((i + j) % 7 != 3) { // some chunks missing
          b.putTargetRef("g/v/" + i + "." + j, "big.h5", 200L * (i * SIDE + j), 200);
        }
      }
    }
    dir = tmp.resolve("grid.parq");
    LazyReferenceSets.write(
        b.build(), dir, WriteOptions.DEFAULT.withRecordSize(1000).withPageRows(100));
  }

  @Test
  void get_oneChunk_loadsOnePage() throws IOException {
    try (LazyReferenceSet set = LazyReferenceSets.open(dir)) {
      assertThat(set.cacheMetrics().loads()).isZero();
      assertThat(set.get("g/v/57.42")).contains(Reference.range("big.h5", 200L * 5742, 200));
      assertThat(set.get("g/v/57.43")).contains(Reference.range("big.h5", 200L * 5743, 200));
      assertThat(set.kind("g/v/57.44")).isEqualTo(ReferenceSet.Kind.ABSENT); // (57 + 44) % 7 == 3
      CacheMetrics m = set.cacheMetrics();
      assertThat(m.loads()).isEqualTo(1);
      assertThat(m.hits()).isEqualTo(2);
      assertThat(m.cachedBytes()).isBetween(2_000L, 10_000L);
    }
  }

  @Test
  void list_arrayDirectory_streamsWithoutLoadingEveryRecord() throws IOException {
    try (LazyReferenceSet set = LazyReferenceSets.open(dir)) {
      assertThat(set.list("")).containsExactly(".zgroup", "g");
      assertThat(set.list("g")).containsExactly("v");
      assertThat(set.cacheMetrics().loads()).isZero();
      try (Stream<String> names = set.list("g/v")) {
        assertThat(names.limit(4)).containsExactly(".zarray", "0.0", "0.1", "0.2");
      }
      assertThat(set.cacheMetrics().loads()).isEqualTo(1);
      try (Stream<String> names = set.list("g/v")) {
        long expected =
            10_000
                - java.util.stream.IntStream.range(0, 10_000)
                    .filter(n -> (n / SIDE + n % SIDE) % 7 == 3)
                    .count();
        assertThat(names.filter(n -> !n.startsWith(".")).count()).isEqualTo(expected);
      }
    }
  }

  @Test
  void get_concurrentMissesOnOnePage_shareOneLoad() throws Exception {
    concurrentMisses(LazyOptions.DEFAULT);
  }

  @Test
  void get_concurrentMissesLoadingOnAPool_shareOneLoad() throws Exception {
    concurrentMisses(
        LazyOptions.DEFAULT.withExecutor(java.util.concurrent.ForkJoinPool.commonPool()));
  }

  private void concurrentMisses(LazyOptions options) throws Exception {
    try (LazyReferenceSet set = LazyReferenceSets.open(dir, options)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<java.util.Optional<Reference>>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int j = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return set.get("g/v/20." + j);
                }));
      }
      start.countDown();
      for (int t = 0; t < 8; t++) {
        assertThat(results.get(t).get())
            .isEqualTo(
                t == 4
                    ? java.util.Optional.empty() // (20 + 4) % 7 == 3
                    : java.util.Optional.of(Reference.range("big.h5", 200L * (2000 + t), 200)));
      }
      pool.shutdown();
      assertThat(set.cacheMetrics().loads()).isEqualTo(1);
    }
  }

  @Test
  void get_smallByteBound_evictsAndStaysCorrect() throws IOException {
    try (LazyReferenceSet set =
        LazyReferenceSets.open(dir, LazyOptions.DEFAULT.withMaxCachedBytes(5_000))) {
      for (int i = 0; i < SIDE; i += 9) {
        assertThat(set.get("g/v/" + i + ".0"))
            .isEqualTo(
                i % 7 == 3
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(Reference.range("big.h5", 200L * i * SIDE, 200)));
      }
      assertThat(set.cacheMetrics().cachedBytes()).isLessThanOrEqualTo(5_000);
      assertThat(set.cacheMetrics().evictions()).isPositive();
    }
  }

  @Test
  void open_setInsideAZipFile_readsThroughNio() throws IOException {
    Path zip = tmp.resolve("refs.zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        z.putNextEntry(new ZipEntry("grid.parq/" + dir.relativize(p)));
        z.write(Files.readAllBytes(p));
        z.closeEntry();
      }
    }
    try (FileSystem zipfs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of());
        LazyReferenceSet set = LazyReferenceSets.open(zipfs.getPath("/grid.parq"))) {
      assertThat(set.get("g/v/99.99")).contains(Reference.range("big.h5", 200L * 9999, 200));
    }
  }
}
