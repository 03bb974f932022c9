package io.refzarr.combine;

import static io.refzarr.combine.Synthetic.doubles;
import static io.refzarr.combine.Synthetic.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.source.ReferenceNotReachableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where a combine runs (the caller's executor, never shut down by refzarr, or a pool of the run's
 * own) and how worker failures reach the caller (refs-nio's one policy: typed IOExceptions and
 * Errors unchanged).
 */
class ExecutorTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final AtomicInteger tasks = new AtomicInteger();
  private final Executor counting =
      task -> {
        tasks.incrementAndGet();
        pool.execute(task);
      };

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Ten inputs of two days each. */
  private static List<CombineInput> days() {
    List<CombineInput> inputs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      inputs.add(series("d" + i + ".nc", 1, 2 * i, 2 * i + 1));
    }
    return inputs;
  }

  private static CombineSpec.Builder spec() {
    return CombineSpec.builder().concatDims("time").batchSize(2);
  }

  private static CombineInput failing(String name, Throwable t) {
    return new CombineInput(
        name,
        () -> {
          if (t instanceof IOException io) {
            throw io;
          }
          if (t instanceof Error e) {
            throw e;
          }
          throw (RuntimeException) t;
        });
  }

  @Test
  void combine_callersExecutor_runsTheTasks_isNotShutDown_sameOutput() throws IOException {
    byte[] own = GoldenSeriesCombineTest.json(Combiner.combine(days(), spec().build()));

    ReferenceSet out = Combiner.combine(days(), spec().executor(counting).build());

    assertThat(new String(GoldenSeriesCombineTest.json(out))).isEqualTo(new String(own));
    assertThat(doubles(out, "time/0")).hasSize(20).startsWith(0, 1, 2).endsWith(19);
    assertThat(tasks.get())
        .isEqualTo(5 + 10); // five first-pass batches, one second-pass task per input
    assertThat(pool.isShutdown()).isFalse();
    assertThat(pool.submit(() -> 1)).succeedsWithin(java.time.Duration.ofSeconds(10));
  }

  /**
   * The worker names the input (a CombineException); the caller gets that exception, not a wrapper.
   */
  private static void assertUnreadable(Throwable thrown, String input, Throwable cause) {
    assertThat(thrown).isExactlyInstanceOf(CombineException.class);
    assertThat(((CombineException) thrown).reason()).isEqualTo(CombineException.Reason.UNREADABLE);
    assertThat(((CombineException) thrown).inputs()).containsExactly(input);
    assertThat(thrown.getCause()).isSameAs(cause);
  }

  @Test
  void combine_typedFailureOfAnInput_reachesTheCallerUnchanged() {
    IOException[] typed = {
      new ReferenceNotReachableException("time/0", "s3://b/d3.nc", "HTTP 403", null),
      new InvalidReferenceSetException("d3.json", "/refs", "not a reference set"),
    };
    for (IOException e : typed) {
      List<CombineInput> inputs = days();
      inputs.set(3, failing("d3.nc", e));
      assertUnreadable(catchThrowable(() -> Combiner.combine(inputs, spec().build())), "d3.nc", e);
      assertUnreadable(
          catchThrowable(() -> Combiner.combine(inputs, spec().executor(counting).build())),
          "d3.nc",
          e);
    }
  }

  @Test
  void combine_errorInAWorker_isRethrownAsTheError() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
    List<CombineInput> inputs = days();
    inputs.set(7, failing("d7.nc", oom));

    assertThat(catchThrowable(() -> Combiner.combine(inputs, spec().build()))).isSameAs(oom);
    assertThat(catchThrowable(() -> Combiner.combine(inputs, spec().executor(counting).build())))
        .isSameAs(oom);
  }

  @Test
  void combine_uncheckedFailureInAWorker_isRethrownAsItIs() {
    IllegalStateException bug = new IllegalStateException("a bug in a progress listener");
    ProgressListener throwing =
        (phase, done, total) -> {
          throw bug; // first-pass progress is reported from the worker that folded the batch
        };

    assertThat(catchThrowable(() -> Combiner.combine(days(), spec().progress(throwing).build())))
        .isSameAs(bug);
    assertThat(
            catchThrowable(
                () ->
                    Combiner.combine(days(), spec().progress(throwing).executor(counting).build())))
        .isSameAs(bug);
  }

  @Test
  void combine_firstFailure_cancelsTheTasksNotStarted() throws Exception {
    // runs the first task at once and the others only after the combine has returned
    ConcurrentLinkedQueue<Runnable> later = new ConcurrentLinkedQueue<>();
    AtomicInteger submitted = new AtomicInteger();
    Executor firstNowRestLater =
        task -> {
          if (submitted.getAndIncrement() == 0) {
            pool.execute(task);
          } else {
            later.add(task);
          }
        };
    AtomicInteger opened = new AtomicInteger();
    List<CombineInput> inputs = new ArrayList<>();
    IOException e = new InvalidReferenceSetException("d0.json", "/", "bad");
    inputs.add(
        new CombineInput(
            "d0.nc",
            () -> {
              opened.incrementAndGet();
              throw e;
            }));
    for (CombineInput in : days().subList(1, 10)) {
      inputs.add(
          new CombineInput(
              in.name(),
              () -> {
                opened.incrementAndGet();
                return in.opener().open();
              }));
    }

    assertUnreadable(
        catchThrowable(() -> Combiner.combine(inputs, spec().executor(firstNowRestLater).build())),
        "d0.nc",
        e);
    CountDownLatch drained = new CountDownLatch(1);
    pool.execute(
        () -> {
          later.forEach(Runnable::run);
          drained.countDown();
        });
    assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(submitted.get()).isEqualTo(5);
    assertThat(opened).hasValue(1); // the four other batches were cancelled before they started
  }

  @Test
  void executor_null_isRejected() {
    assertThatThrownBy(() -> CombineSpec.builder().executor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("executor");
  }
}
