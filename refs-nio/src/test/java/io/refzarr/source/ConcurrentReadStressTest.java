package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
import io.refzarr.testing.Retarget;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many threads read one HTTP-backed file system at once (single keys and batches, through a cache
 * small enough to evict): every read gives the bytes the local files give. Bounded by a fixed time
 * limit.
 */
class ConcurrentReadStressTest {

  @Test
  void reads_eightThreadsOverHttpWithEvictions_allBytesCorrect() throws Exception {
    ReferenceSet local = ReferenceSets.readJson(Corpus.file("golden/nc4_cf.json"));
    List<String> keys = local.keys().collect(Collectors.toList());
    Map<String, byte[]> expected = new HashMap<>();
    ReferenceFileSystemConfig localConfig =
        ReferenceFileSystemConfig.builder().root(Corpus.dir()).build();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(local, localConfig)) {
      for (String k : keys) {
        expected.put(k, Files.readAllBytes(fs.getPath("/" + k)));
      }
    }
    try (RangeHttpServer server = RangeHttpServer.serve(Corpus.dir())) {
      ReferenceSet remote = Retarget.of(local, t -> server.base() + t);
      ReferenceFileSystemConfig config =
          ReferenceFileSystemConfig.builder()
              .blockCacheBytes(64 * 1024)
              .maxConcurrentRequests(4)
              .build();
      try (FileSystem fs = ReferenceFileSystems.newFileSystem(remote, config)) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> hammer(fs, keys, expected));
        assertThat(ReferenceFileSystems.cacheStats(fs).evictions()).isPositive();
      }
    }
  }

  private static void hammer(FileSystem fs, List<String> keys, Map<String, byte[]> expected)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        long seed = t;
        tasks.add(
            () -> {
              Random rnd = new Random(seed);
              for (int i = 0; i < 150; i++) {
                if (i % 10 == 0) {
                  List<String> batch = new ArrayList<>();
                  for (int j = 0; j < 20; j++) {
                    batch.add(keys.get(rnd.nextInt(keys.size())));
                  }
                  ReferenceFileSystems.readKeys(fs, batch)
                      .forEach((k, v) -> assertThat(v).as(k).isEqualTo(expected.get(k)));
                } else {
                  String k = keys.get(rnd.nextInt(keys.size()));
                  assertThat(Files.readAllBytes(fs.getPath("/" + k)))
                      .as(k)
                      .isEqualTo(expected.get(k));
                }
              }
              return 0;
            });
      }
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
