package io.refzarr.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.source.ReferenceNotReachableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FuturesTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() throws InterruptedException {
    Thread.interrupted(); // a test that interrupts itself must not leak the flag into the next one
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  // A plain Future (FutureTask) failing with t: get() wraps it in ExecutionException.
  private static Future<Object> failedTask(Throwable t) {
    FutureTask<Object> f =
        new FutureTask<>(
            () -> {
              throw FuturesTest.<RuntimeException>sneaky(t);
            });
    f.run();
    return f;
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }

  // A CompletableFuture failing as a dependent stage does: the failure wrapped in
  // CompletionException.
  private static CompletableFuture<Object> failedStage(Throwable t) {
    CompletableFuture<Object> source = new CompletableFuture<>();
    CompletableFuture<Object> dependent = source.thenApply(x -> x);
    source.completeExceptionally(t);
    return dependent;
  }

  @Test
  void get_value_isReturned() throws IOException {
    assertThat(Futures.get(CompletableFuture.completedFuture("v"))).isEqualTo("v");
    assertThat(Futures.get(pool.submit(() -> 42))).isEqualTo(42);
  }

  @Test
  void get_typedIOExceptions_reachTheCallerUnchanged() {
    IOException[] typed = {
      new ReferenceNotReachableException("a/0.0", "s3://b/f.nc", "HTTP 404", null),
      new InvalidReferenceSetException("refs.json", "/refs/a", "bad"),
      new NoSuchFileException("x"),
      new InterruptedIOException("timed out"),
    };
    for (IOException e : typed) {
      assertThat(catchThrowable(() -> Futures.get(failedTask(e)))).isSameAs(e);
      assertThat(catchThrowable(() -> Futures.get(failedStage(e)))).isSameAs(e);
      assertThat(catchThrowable(() -> Futures.get(CompletableFuture.failedFuture(e)))).isSameAs(e);
      assertThat(
              catchThrowable(
                  () ->
                      Futures.get(
                          Futures.supplyAsync(
                              () -> {
                                throw e;
                              },
                              pool))))
          .isSameAs(e);
    }
  }

  @Test
  void get_uncheckedIOException_isTheIOExceptionItCarries() {
    NoSuchFileException cause = new NoSuchFileException("k");
    assertThat(catchThrowable(() -> Futures.get(failedStage(new UncheckedIOException(cause)))))
        .isSameAs(cause);
  }

  @Test
  void get_uncheckedException_isRethrownAsItIs() {
    IllegalArgumentException e = new IllegalArgumentException("bad slice");
    assertThat(catchThrowable(() -> Futures.get(failedTask(e)))).isSameAs(e);
    assertThat(catchThrowable(() -> Futures.get(failedStage(e)))).isSameAs(e);
  }

  @Test
  void get_errors_areRethrownAsErrors_neverWrapped() {
    for (Error e :
        new Error[] {new OutOfMemoryError("Java heap space"), new StackOverflowError()}) {
      assertThat(catchThrowable(() -> Futures.get(failedTask(e)))).isSameAs(e);
      assertThat(catchThrowable(() -> Futures.get(failedStage(e)))).isSameAs(e);
      assertThat(catchThrowable(() -> Futures.getAll(List.of(failedStage(e))))).isSameAs(e);
    }
  }

  @Test
  void get_otherCheckedException_isWrappedInAnIOExceptionWithTheCause() {
    Exception e = new Exception("checked");
    Throwable t = catchThrowable(() -> Futures.get(failedTask(e)));
    assertThat(t).isExactlyInstanceOf(IOException.class).hasCause(e);
    assertThat(t.getMessage()).contains("checked");
  }

  @Test
  void get_taskInterrupted_isAnInterruptedIOException_callerFlagUntouched() {
    InterruptedException e = new InterruptedException("worker");
    Throwable t = catchThrowable(() -> Futures.get(failedTask(e)));
    assertThat(t).isExactlyInstanceOf(InterruptedIOException.class).hasCause(e);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void get_cancellationCarryingACause_isThatCause() {
    // the block cache fails its entries this way (RangeReads.fail)
    ReferenceNotReachableException cause = new ReferenceNotReachableException("k", "t", "r", null);
    CancellationException c = new CancellationException(cause.toString());
    c.initCause(cause);
    assertThat(catchThrowable(() -> Futures.get(CompletableFuture.failedFuture(c))))
        .isSameAs(cause);
  }

  @Test
  void get_plainCancellation_isACancellationException() {
    CompletableFuture<Object> f = new CompletableFuture<>();
    f.cancel(false);
    assertThatThrownBy(() -> Futures.get(f)).isInstanceOf(CancellationException.class);
  }

  @Test
  void get_interrupted_restoresTheFlag_throwsInterruptedIOException_andDoesNotCancel() {
    CompletableFuture<Object> never = new CompletableFuture<>();
    Thread.currentThread().interrupt();
    Throwable t = catchThrowable(() -> Futures.get(never));
    assertThat(t)
        .isInstanceOf(InterruptedIOException.class)
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(Thread.interrupted()).isTrue();
    assertThat(never.isCancelled()).isFalse(); // a single future may be shared: never cancelled
  }

  @Test
  void get_withTimeout_throwsTimeoutException_leavesTheFutureRunning() throws Exception {
    CompletableFuture<Object> never = new CompletableFuture<>();
    assertThatThrownBy(() -> Futures.get(never, Duration.ofMillis(20)))
        .isInstanceOf(TimeoutException.class);
    assertThat(never.isDone()).isFalse();
    assertThat(Futures.get(CompletableFuture.completedFuture(7), Duration.ofSeconds(1)))
        .isEqualTo(7);
    IOException e = new NoSuchFileException("f");
    assertThat(catchThrowable(() -> Futures.get(failedStage(e), Duration.ofSeconds(1))))
        .isSameAs(e);
  }

  @Test
  void getAll_values_inOrder() throws IOException {
    List<CompletableFuture<Integer>> fs =
        List.of(
            Futures.supplyAsync(() -> 1, pool),
            Futures.supplyAsync(() -> 2, pool),
            Futures.supplyAsync(() -> 3, pool));
    assertThat(Futures.getAll(fs)).containsExactly(1, 2, 3);
    assertThat(Futures.getAll(List.<Future<Integer>>of(pool.submit(() -> 4), pool.submit(() -> 5))))
        .containsExactly(4, 5);
    assertThat(Futures.getAll(List.<Future<Integer>>of())).isEmpty();
  }

  @Test
  void getAll_firstFailure_failsFast_andCancelsTheOthers() {
    CompletableFuture<Object> slow = new CompletableFuture<>();
    CompletableFuture<Object> later = new CompletableFuture<>();
    NoSuchFileException e = new NoSuchFileException("chunk 1");
    CompletableFuture<Object> failing = new CompletableFuture<>();
    pool.execute(() -> failing.completeExceptionally(e));
    // slow comes first in the list and never completes: only a fail-fast wait returns
    assertThat(catchThrowable(() -> Futures.getAll(List.of(slow, failing, later)))).isSameAs(e);
    assertThat(slow.isCancelled()).isTrue();
    assertThat(later.isCancelled()).isTrue();
  }

  @Test
  void getAll_plainFutures_failureCancelsTasksNotStarted() throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch release = new CountDownLatch(1);
      AtomicBoolean ran = new AtomicBoolean();
      IOException e = new NoSuchFileException("x");
      one.execute(
          () -> {
            try {
              release.await(); // keeps the only thread busy, so the next task waits in the queue
            } catch (InterruptedException x) {
              Thread.currentThread().interrupt();
            }
          });
      Future<Object> queued = one.submit(() -> ran.getAndSet(true));
      assertThat(catchThrowable(() -> Futures.getAll(List.of(failedTask(e), queued)))).isSameAs(e);
      release.countDown();
      assertThat(queued.isCancelled()).isTrue();
      one.shutdown();
      assertThat(one.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      assertThat(ran).isFalse();
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void getAll_cancelling_doesNotInterruptRunningTasks() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    Future<Object> running =
        pool.submit(
            () -> {
              started.countDown();
              while (finish.getCount() > 0) {
                interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
                Thread.onSpinWait();
              }
              return null;
            });
    started.await();
    IOException e = new NoSuchFileException("x");
    assertThat(
            catchThrowable(
                () -> Futures.getAll(List.of(CompletableFuture.failedFuture(e), running))))
        .isSameAs(e);
    assertThat(running.isCancelled()).isTrue();
    finish.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupted).isFalse();
  }

  @Test
  void getAll_interrupted_cancelsAll_restoresTheFlag() {
    CompletableFuture<Object> a = new CompletableFuture<>();
    CompletableFuture<Object> b = new CompletableFuture<>();
    Thread.currentThread().interrupt();
    assertThat(catchThrowable(() -> Futures.getAll(List.of(a, b))))
        .isInstanceOf(InterruptedIOException.class);
    assertThat(Thread.interrupted()).isTrue();
    assertThat(a.isCancelled()).isTrue();
    assertThat(b.isCancelled()).isTrue();
  }

  @Test
  void unwrap_returnsIOExceptions_throwsTheRest() {
    IOException io = new NoSuchFileException("x");
    assertThat(
            Futures.unwrap(
                new java.util.concurrent.ExecutionException(
                    new java.util.concurrent.CompletionException(io))))
        .isSameAs(io);
    OutOfMemoryError oom = new OutOfMemoryError();
    assertThat(
            catchThrowable(() -> Futures.unwrap(new java.util.concurrent.CompletionException(oom))))
        .isSameAs(oom);
    IllegalStateException ise = new IllegalStateException();
    assertThat(catchThrowable(() -> Futures.unwrap(ise))).isSameAs(ise);
  }
}
