package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link TileWriter}: tiles handed in by parallel workers are each written once, one write at a
 * time, every buffer given back; at most {@code maxQueued} wait, past which a worker waits to write
 * itself; a failing write reaches its caller and leaves the writer usable.
 */
class TileWriterTest {
  @Test
  void write_fromManyThreads_writesEveryTileOnceAndOneAtATime() throws Exception {
    Map<Long, Integer> written = new ConcurrentHashMap<>();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    TiledRead.Sink sink =
        (position, bytes) -> {
          mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          written.merge(position, bytes.getInt(0), (a, b) -> -1);
          Thread.onSpinWait();
          inFlight.decrementAndGet();
        };
    TileWriter writer = new TileWriter(sink, 2);
    AtomicInteger released = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int worker = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    writer.write(tile(worker * 1000 + i, released));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(written).hasSize(2000);
    written.forEach((position, value) -> assertThat(value).isEqualTo(position.intValue()));
    assertThat(released).hasValue(2000);
    assertThat(mostInFlight).hasValue(1);
  }

  @Test
  void write_whileAWriteIsSlow_queuesAtMostMaxQueuedThenWaits() throws Exception {
    CountDownLatch slow = new CountDownLatch(1);
    List<Long> order = new ArrayList<>();
    TiledRead.Sink sink =
        (position, bytes) -> {
          if (position == 0) {
            await(slow);
          }
          synchronized (order) {
            order.add(position);
          }
        };
    TileWriter writer = new TileWriter(sink, 2);
    AtomicInteger released = new AtomicInteger();
    Thread first = start(() -> writer.write(tile(0, released)));
    awaitState(first, Thread.State.WAITING); // inside the slow write
    CountDownLatch queued = new CountDownLatch(2);
    List<Thread> others = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      int position = i;
      others.add(
          start(
              () -> {
                writer.write(tile(position, released));
                queued.countDown();
              }));
    }
    assertThat(queued.await(10, TimeUnit.SECONDS))
        .as("two tiles queued, their callers gone on")
        .isTrue();
    Thread third = start(() -> writer.write(tile(3, released)));
    awaitState(third, Thread.State.WAITING); // a third would pass maxQueued: it waits to write
    assertThat(order).isEmpty();
    slow.countDown();
    for (Thread t : List.of(first, others.get(0), others.get(1), third)) {
      t.join(10_000);
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(order).containsExactlyInAnyOrder(0L, 1L, 2L, 3L);
    assertThat(released).hasValue(4);
  }

  @Test
  void write_whenTheSinkFails_throwsToTheWriterAndStaysUsable() throws IOException {
    List<Long> order = new ArrayList<>();
    TiledRead.Sink sink =
        (position, bytes) -> {
          if (position == 7) {
            throw new IOException("disk full at tile 7");
          }
          order.add(position);
        };
    TileWriter writer = new TileWriter(sink, 2);
    AtomicInteger released = new AtomicInteger();
    assertThatThrownBy(() -> writer.write(tile(7, released)))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full at tile 7");
    assertThat(released).hasValue(1);
    writer.write(tile(8, released));
    assertThat(order).containsExactly(8L);
    assertThat(released).hasValue(2);
  }

  // A tile of one int, its position, written at byte `position`; counts `released` once its buffer
  // is given back.
  private static TileWriter.Tile tile(long position, AtomicInteger released) {
    return new TileWriter.Tile() {
      @Override
      public void writeTo(TiledRead.Sink sink) throws IOException {
        sink.write(position, ByteBuffer.allocate(4).putInt(0, (int) position));
      }

      @Override
      public void release() {
        released.incrementAndGet();
      }
    };
  }

  interface IoRunnable {
    void run() throws IOException;
  }

  private static Thread start(IoRunnable r) {
    Thread t =
        new Thread(
            () -> {
              try {
                r.run();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    t.start();
    return t;
  }

  private static void awaitState(Thread t, Thread.State state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.getState() != state && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(t.getState()).isEqualTo(state);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
