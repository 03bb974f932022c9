package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where chunks are decoded: the caller's executor (never shut down by zarr-bridge) together with
 * the calling thread, or the calling thread alone. A 64x64 int32 array of value {@code 100 * i + j}
 * in 256 zlib chunks of 4x4.
 */
class ExecutorTest {
  private static final int N = 64;
  private static final int C = 4;
  @TempDir Path tmp;
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

  private Path writeArray(Path dir) throws IOException {
    LocalStores.write(
        dir.resolve(".zarray"),
        "{\"zarr_format\":2,\"shape\":["
            + N
            + ","
            + N
            + "],\"chunks\":["
            + C
            + ","
            + C
            + "],\"dtype\":\"<i4\",\"fill_value\":0,\"order\":\"C\",\"compressor\":{\"id\":\"zlib\","
            + "\"level\":1},\"filters\":null}");
    for (int ci = 0; ci < N / C; ci++) {
      for (int cj = 0; cj < N / C; cj++) {
        int i0 = ci * C;
        int j0 = cj * C;
        byte[] raw =
            LocalStores.ints(ByteOrder.LITTLE_ENDIAN, C, C, (i, j) -> 100 * (i0 + i) + j0 + j);
        LocalStores.write(dir.resolve(ci + "." + cj), LocalStores.zlib(raw));
      }
    }
    return dir;
  }

  private static int[] expected() {
    int[] out = new int[N * N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        out[i * N + j] = 100 * i + j;
      }
    }
    return out;
  }

  @Test
  void read_callersExecutor_isUsed_andNotShutDown() throws IOException {
    assumeTrue(
        Runtime.getRuntime().availableProcessors() > 1, "one core: the calling thread reads alone");
    ZarrArray a = ZarrArray.open(writeArray(tmp.resolve("a")), counting);

    assertThat(a.read().toIntArray()).containsExactly(expected());
    assertThat(tasks.get()).isBetween(1, Runtime.getRuntime().availableProcessors() - 1);
    assertThat(pool.isShutdown()).isFalse();
    assertThat(a.read().toIntArray()).containsExactly(expected()); // and usable again
  }

  @Test
  void read_callerRunsExecutor_readsOnTheCallingThread() throws IOException {
    String caller = Thread.currentThread().getName();
    AtomicInteger elsewhere = new AtomicInteger();
    Executor callerRuns =
        task -> {
          if (!Thread.currentThread().getName().equals(caller)) {
            elsewhere.incrementAndGet();
          }
          task.run();
        };
    ZarrArray a = ZarrArray.open(writeArray(tmp.resolve("a")), callerRuns);

    assertThat(a.read().toIntArray()).containsExactly(expected());
    assertThat(a.read(Slice.parse("1:63:7,5", a.shape())).toIntArray())
        .containsExactly(105, 805, 1505, 2205, 2905, 3605, 4305, 5005, 5705);
    assertThat(elsewhere).hasValue(0);
  }

  @Test
  void read_executorThatNeverRunsItsTasks_readsOnTheCallingThread_andTheLateTasksDoNothing()
      throws Exception {
    java.util.Queue<Runnable> parked = new java.util.concurrent.ConcurrentLinkedQueue<>();
    ZarrArray a = ZarrArray.open(writeArray(tmp.resolve("a")), parked::add);

    ArrayData first = a.read();

    assertThat(first.toIntArray()).containsExactly(expected());
    assertThat(parked).hasSizeLessThan(Runtime.getRuntime().availableProcessors());
    parked.forEach(Runnable::run); // claimed by the caller: they must not touch the finished result
    assertThat(first.toIntArray()).containsExactly(expected());
  }

  @Test
  void read_defaultExecutor_givesTheValues() throws IOException {
    assertThat(ZarrArray.open(writeArray(tmp.resolve("a"))).read().toIntArray())
        .containsExactly(expected());
  }

  @Test
  void read_failingChunkOnTheExecutor_reachesTheCallerAsChunkDecodeException() throws IOException {
    Path dir = writeArray(tmp.resolve("bad"));
    for (int ci = 0; ci < N / C; ci++) {
      Files.write(dir.resolve(ci + ".15"), new byte[] {0x78, (byte) 0x9c, 1, 2, 3});
    }
    ZarrArray a = ZarrArray.open(dir, counting);

    assertThatThrownBy(a::read)
        .isExactlyInstanceOf(ChunkDecodeException.class)
        .hasMessageContaining("bad")
        .hasMessageContaining(".15'")
        .hasMessageContaining("zlib");
    assertThat(pool.isShutdown()).isFalse();
    assertThat(a.read(Slice.parse("0:4,0:4", a.shape())).toIntArray()[5]).isEqualTo(101);
  }

  @Test
  void group_passesItsExecutorToItsArrays() throws IOException {
    assumeTrue(
        Runtime.getRuntime().availableProcessors() > 1, "one core: the calling thread reads alone");
    writeArray(tmp.resolve("g/a"));
    ZarrGroup root = ZarrGroup.open(tmp, counting);

    assertThat(root.group("g").array("a").read().toIntArray()).containsExactly(expected());
    assertThat(tasks.get()).isPositive();
  }

  @Test
  void open_nullExecutor_isRejected() {
    assertThatThrownBy(() -> ZarrArray.open(tmp, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("executor");
    assertThatThrownBy(() -> ZarrGroup.open(tmp, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("executor");
  }
}
