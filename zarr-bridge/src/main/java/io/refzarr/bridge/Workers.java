package io.refzarr.bridge;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared pool that fetches and decodes chunks: one daemon thread per core. Reading a slice submits
 * at most that many tasks, each pulling chunks until none are left, so concurrent reads share the cores.
 */
final class Workers {
  private static final int PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final ExecutorService POOL = Executors.newFixedThreadPool(PARALLELISM, r -> {
    Thread t = new Thread(r, "zarr-bridge-" + IDS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private Workers() {}

  static int parallelism() {
    return PARALLELISM;
  }

  static <T> Future<T> submit(Callable<T> task) {
    return POOL.submit(task);
  }
}
