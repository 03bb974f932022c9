package io.refzarr.bridge;

import io.refzarr.internal.concurrent.Futures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs numbered items in batches on the calling thread and helpers on an executor: the workers pull
 * batches until none are left. The caller's share means a loop progresses even when the executor is
 * busy or small (the common pool has a thread fewer than there are cores), and a loop run from
 * inside the executor cannot deadlock. When the caller runs out of batches it waits only for the
 * helpers that have started; the others are claimed so that they do nothing when the executor gets
 * to them. The first failure stops every worker at its next batch and is thrown.
 */
final class ParallelLoop {
  /** The work on items {@code [from, to)}. */
  @FunctionalInterface
  interface Body {
    void run(long from, long to) throws IOException;
  }

  private ParallelLoop() {}

  static void run(long items, int batch, int parallelism, Executor executor, Body body)
      throws IOException {
    AtomicLong next = new AtomicLong();
    AtomicBoolean failed = new AtomicBoolean();
    int workers = (int) Math.max(1, Math.min(parallelism, (items + batch - 1) / batch));
    Futures.IoCallable<Void> worker =
        () -> {
          long first;
          while (!failed.get() && (first = next.getAndAdd(batch)) < items) {
            try {
              body.run(first, Math.min(items, first + batch));
            } catch (IOException | RuntimeException | Error e) {
              failed.set(true);
              throw e;
            }
          }
          return null;
        };
    List<CompletableFuture<Void>> helpers = new ArrayList<>(workers);
    List<AtomicBoolean> claims = new ArrayList<>(workers);
    try {
      for (int w = 1; w < workers; w++) {
        AtomicBoolean claim = new AtomicBoolean();
        claims.add(claim);
        helpers.add(
            Futures.supplyAsync(
                () -> claim.compareAndSet(false, true) ? worker.call() : null, executor));
      }
      worker.call();
    } catch (IOException | RuntimeException | Error e) {
      Futures.cancelAll(helpers);
      throw e;
    }
    Futures.getAll(started(helpers, claims));
  }

  // The helpers that began before the caller could claim them: they may still be writing.
  private static List<CompletableFuture<Void>> started(
      List<CompletableFuture<Void>> helpers, List<AtomicBoolean> claims) {
    List<CompletableFuture<Void>> out = new ArrayList<>(helpers.size());
    for (int i = 0; i < helpers.size(); i++) {
      if (!claims.get(i).compareAndSet(false, true)) {
        out.add(helpers.get(i));
      }
    }
    return out;
  }
}
