package io.refzarr.internal.concurrent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waits on futures and turns their failures into what the task itself threw: refzarr's one policy
 * for concurrent work.
 *
 * <h2>Failures</h2>
 *
 * The wrappers a future adds ({@link ExecutionException}, {@link CompletionException}, and a {@link
 * CancellationException} that carries a cause, which the block cache uses to fail entries without
 * logging) are removed, then the task's failure is rethrown:
 *
 * <ul>
 *   <li>an {@link IOException} as it is, so typed errors ({@code ReferenceNotReachableException},
 *       {@code InvalidReferenceSetException}, {@code NoSuchFileException}, ...) reach the caller
 *       unchanged; an {@link UncheckedIOException} counts as the {@code IOException} it carries (it
 *       is how an {@code IOException} crosses a lambda or a stream);
 *   <li>an unchecked exception as it is (a bug or a bad argument stays what it was);
 *   <li>an {@link Error} as it is: an {@code OutOfMemoryError} or {@code StackOverflowError} in a
 *       worker is the same emergency in the caller, never wrapped into an exception that could be
 *       caught and ignored;
 *   <li>any other checked exception wrapped in an {@code IOException} with it as the cause (an
 *       {@link InterruptedException} of the task in an {@link InterruptedIOException}).
 * </ul>
 *
 * A caller interrupted while it waits gets an {@link InterruptedIOException} with its interrupt
 * flag set again.
 *
 * <h2>Cancellation</h2>
 *
 * {@link #get(Future)} never cancels: a single future may be shared (the block cache hands one
 * in-flight read to every reader of a range). {@link #getAll(List)} owns its futures: on the first
 * failure, or an interruption, it cancels the others and throws at once, without waiting for them.
 * Cancelling never interrupts a running task, because an interrupt closes a {@code FileChannel}
 * that other readers may share; a task that has not started does not run.
 *
 * <h2>Executors</h2>
 *
 * Modules that run work concurrently accept an {@link Executor} from the caller and never shut a
 * caller's executor down. Defaults: lazy-mapper loads on the calling thread (a hand-off costs more
 * than decoding a page); zarr-bridge decodes on {@code ForkJoinPool.commonPool()} with the calling
 * thread as one more worker (all cores, no thread owned by refzarr); combine runs on a pool of its
 * own per run, shut down after it; the {@code reference} file system fetches ranges on a bounded
 * pool of its own ({@code ReadSettings.maxConcurrentRequests}), closed with the file system; ops'
 * {@code inline} fetches a few batches of ranges at once on a pool of its own per run, shut down
 * (never interrupted: the reader's channels are shared) after it.
 */
public final class Futures {
  private Futures() {}

  /** A task that may throw an {@link IOException}. */
  @FunctionalInterface
  public interface IoCallable<T> {
    T call() throws IOException;
  }

  /**
   * A fixed pool of {@code threads} daemon threads named {@code prefix-N}, for a module's run that
   * owns its pool (and shuts it down after the run).
   */
  public static ExecutorService newPool(String prefix, int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** Runs {@code task} on {@code executor}; its {@code IOException} fails the future as it is. */
  public static <T> CompletableFuture<T> supplyAsync(IoCallable<T> task, Executor executor) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return task.call();
          } catch (IOException e) {
            throw new CompletionException(e);
          }
        },
        executor);
  }

  /** Waits for {@code future} and returns its value, or throws its failure as the policy says. */
  public static <T> T get(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      throw interrupted(e);
    } catch (ExecutionException | CancellationException e) {
      throw unwrap(e);
    }
  }

  /**
   * Waits at most {@code timeout} for {@code future}; like {@link #get(Future)} otherwise. A future
   * that times out is left running: the caller decides whether to cancel it.
   */
  public static <T> T get(Future<T> future, Duration timeout) throws IOException, TimeoutException {
    try {
      return future.get(
          TimeUnit.NANOSECONDS.convert(timeout),
          TimeUnit.NANOSECONDS); // saturates, never overflows
    } catch (InterruptedException e) {
      throw interrupted(e);
    } catch (ExecutionException | CancellationException e) {
      throw unwrap(e);
    }
  }

  /**
   * Waits for every future and returns their values in order. On the first failure (in completion
   * order when the futures are {@link CompletableFuture}s, else in list order) or an interruption,
   * the other futures are cancelled and the failure thrown as the policy says.
   */
  public static <T> List<T> getAll(List<? extends Future<? extends T>> futures) throws IOException {
    try {
      Future<?> failed = firstFailure(futures);
      if (failed != null) {
        get(failed);
      }
      List<T> out = new ArrayList<>(futures.size());
      for (Future<? extends T> f : futures) {
        out.add(get(f));
      }
      return out;
    } catch (IOException | RuntimeException | Error e) {
      cancelAll(futures);
      throw e;
    }
  }

  /** Cancels every future that has not completed, without interrupting running tasks. */
  public static void cancelAll(Collection<? extends Future<?>> futures) {
    for (Future<?> f : futures) {
      f.cancel(false);
    }
  }

  /**
   * The failure of a task as the policy says: returns the {@code IOException} to throw, or throws
   * the unchecked exception or {@code Error} itself.
   */
  public static IOException unwrap(Throwable failure) {
    Throwable c = strip(failure);
    if (c instanceof IOException io) {
      return io;
    }
    if (c instanceof UncheckedIOException u && u.getCause() != null) {
      return u.getCause();
    }
    if (c instanceof RuntimeException r) {
      throw r;
    }
    if (c instanceof Error e) {
      throw e;
    }
    if (c instanceof InterruptedException) {
      InterruptedIOException io = new InterruptedIOException("a concurrent task was interrupted");
      io.initCause(c);
      return io;
    }
    return new IOException(c.toString(), c);
  }

  private static Throwable strip(Throwable t) {
    while (t.getCause() != null
        && (t instanceof ExecutionException
            || t instanceof CompletionException
            || t instanceof CancellationException)) {
      t = t.getCause();
    }
    return t;
  }

  private static InterruptedIOException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    InterruptedIOException io =
        new InterruptedIOException("interrupted while waiting for a concurrent task");
    io.initCause(e);
    return io;
  }

  /**
   * Waits until every future is done or one has failed, returning the failed one (null if none).
   * Only {@code CompletableFuture}s can say so as it happens; with other futures this returns at
   * once and {@link #getAll} waits in list order.
   */
  private static Future<?> firstFailure(List<? extends Future<?>> futures) throws IOException {
    if (futures.isEmpty() || !futures.stream().allMatch(f -> f instanceof CompletableFuture)) {
      return null;
    }
    CompletableFuture<Future<?>> outcome = new CompletableFuture<>();
    AtomicInteger pending = new AtomicInteger(futures.size());
    for (Future<?> f : futures) {
      ((CompletableFuture<?>) f)
          .whenComplete(
              (v, e) -> {
                if (e != null) {
                  outcome.complete(f);
                } else if (pending.decrementAndGet() == 0) {
                  outcome.complete(null);
                }
              });
    }
    return get(outcome);
  }
}
