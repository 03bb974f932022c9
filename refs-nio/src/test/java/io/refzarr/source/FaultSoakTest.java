package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
import io.refzarr.testing.RangeHttpServer.Fault;
import io.refzarr.testing.Retarget;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Faults under load (issue 16): for a fixed time, sixteen threads read random keys (single keys and
 * batches) through one file system from a loopback HTTP server that answers at random with 5xx,
 * 429, resets, stalls, truncated bodies, wrong ranges and whole objects, and near the end changes
 * the object. Every read gives the original file's bytes or fails with an {@link IOException}
 * subtype; afterwards no reader thread is left and the heap is where it was.
 */
class FaultSoakTest {
  private static final long RUN_MILLIS = 20_000;
  private static final int THREADS = 16;
  private static final Fault[] FAULTS = {
    Fault.STATUS_500,
    Fault.STATUS_503_RETRY_AFTER,
    Fault.STATUS_429,
    Fault.RESET_MID_BODY,
    Fault.TRUNCATED_BODY,
    Fault.WRONG_CONTENT_RANGE,
    Fault.STALL,
    Fault.IGNORE_RANGE
  };

  @Test
  void randomFaultsUnderLoad_neverWrongBytes_onlyTypedFailures_noLeakedThreads() throws Exception {
    ReferenceSet local = ReferenceSets.readJson(Corpus.file("golden/nc4_cf.json"));
    List<String> keys = local.keys().collect(Collectors.toList());
    Map<String, byte[]> expected = expected(local, keys);
    byte[] original = Files.readAllBytes(Corpus.file("nc4_cf.nc"));

    try (RangeHttpServer server = RangeHttpServer.serve(Corpus.dir())) {
      ReferenceSet remote = Retarget.of(local, t -> server.base() + t);
      soak(server, remote, keys, expected, original, 1_000); // warm-up: HTTP client, JIT, pools
      int threadsBefore = liveThreads();
      long heapBefore = usedHeapAfterGc();

      Outcome o = soak(server, remote, keys, expected, original, RUN_MILLIS);
      System.out.printf(
          "fault soak: %d reads correct, %d failed typed, %d requests to the server%n",
          o.ok.get(), o.failed.get(), server.requests());

      assertThat(o.wrong).as("keys read with wrong bytes").isEmpty();
      assertThat(o.untyped).as("failures that were not IOExceptions").isEmpty();
      assertThat(o.ok.get()).as("successful reads").isGreaterThan(100);
      assertThat(o.failed.get()).as("typed failures").isPositive();
      assertThat(awaitThreads(threadsBefore))
          .as("live threads after")
          .isLessThanOrEqualTo(threadsBefore + 2);
      assertThat(usedHeapAfterGc()).isLessThan(heapBefore + 64L * 1024 * 1024);
    }
  }

  /** What a soak saw. */
  private static final class Outcome {
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Throwable> untyped = new ConcurrentHashMap<>();
  }

  private static Outcome soak(
      RangeHttpServer server,
      ReferenceSet remote,
      List<String> keys,
      Map<String, byte[]> expected,
      byte[] original,
      long millis)
      throws Exception {
    server.put("nc4_cf.nc", original); // a fresh version: the previous soak's change is undone
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder()
            .blockCacheBytes(256 * 1024) // small: evictions make reads go back to the server
            .maxConcurrentRequests(8)
            .remoteOption("http.timeoutMs", 1_500)
            .remoteOption("http.retryBaseDelayMs", 5)
            .remoteOption("http.retryMaxDelayMs", 50)
            .build();
    Outcome o = new Outcome();
    long end = System.currentTimeMillis() + millis;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(remote, config)) {
      List<Future<?>> running = new ArrayList<>();
      running.add(pool.submit(() -> injectFaults(server, original, end, millis)));
      for (int t = 0; t < THREADS; t++) {
        long seed = t;
        running.add(pool.submit(() -> read(fs, keys, expected, o, new Random(seed), end)));
      }
      for (Future<?> f : running) {
        f.get(millis + 60_000, TimeUnit.MILLISECONDS);
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    return o;
  }

  private static Object injectFaults(RangeHttpServer server, byte[] original, long end, long millis)
      throws Exception {
    Random rnd = new Random(99);
    boolean changed = false;
    while (System.currentTimeMillis() < end) {
      server.failNext(1, FAULTS[rnd.nextInt(FAULTS.length)]);
      if (!changed && System.currentTimeMillis() > end - millis / 5) {
        byte[] altered = original.clone();
        for (int i = 0; i < altered.length; i += 97) {
          altered[i] ^= 0x5a;
        }
        server.put("nc4_cf.nc", altered); // a new ETag: pinned readers must refuse it
        changed = true;
      }
      Thread.sleep(3);
    }
    return null;
  }

  private static Object read(
      FileSystem fs,
      List<String> keys,
      Map<String, byte[]> expected,
      Outcome o,
      Random rnd,
      long end) {
    while (System.currentTimeMillis() < end) {
      try {
        if (rnd.nextInt(8) == 0) {
          List<String> batch = new ArrayList<>();
          for (int j = 0; j < 10; j++) {
            batch.add(keys.get(rnd.nextInt(keys.size())));
          }
          ReferenceFileSystems.readKeys(fs, batch).forEach((k, v) -> check(k, v, expected, o));
        } else {
          String k = keys.get(rnd.nextInt(keys.size()));
          check(k, Files.readAllBytes(fs.getPath("/" + k)), expected, o);
        }
      } catch (IOException e) {
        o.failed.incrementAndGet();
      } catch (RuntimeException | Error e) {
        o.untyped.put(e.getClass().getName(), e);
      }
    }
    return null;
  }

  private static void check(String key, byte[] got, Map<String, byte[]> expected, Outcome o) {
    if (Arrays.equals(got, expected.get(key))) {
      o.ok.incrementAndGet();
    } else {
      o.wrong.add(key);
    }
  }

  private static Map<String, byte[]> expected(ReferenceSet local, List<String> keys)
      throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder().root(Corpus.dir()).build();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(local, config)) {
      for (String k : keys) {
        out.put(k, Files.readAllBytes(fs.getPath("/" + k)));
      }
    }
    return out;
  }

  /**
   * Live threads other than the test server's and the JDK HTTP client's pooled workers (both cached
   * pools whose idle threads linger for a minute by design; the client is shared by every file
   * system with the same options).
   */
  private static int liveThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(
                n ->
                    !n.startsWith("range-http-server") && !n.matches("HttpClient-\\d+-Worker-\\d+"))
            .count();
  }

  /** The live thread count once it has dropped to {@code limit}, or after ten seconds. */
  private static int awaitThreads(int limit) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (liveThreads() > limit && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    return liveThreads();
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
