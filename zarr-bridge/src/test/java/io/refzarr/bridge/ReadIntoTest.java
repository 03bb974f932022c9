package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ZarrArray#readInto}: a file channel at a position, a sequential channel and a buffer get
 * exactly the bytes {@link ZarrArray#read} gives (which {@link GoldenReferencesTest} holds to the
 * manifest), for every fixed-size array of the golden references and for strided slices of a
 * generated 3-D array in C and F order, with tiles split along every axis.
 */
class ReadIntoTest {
  private static final long[] SHAPE = {13, 11, 9};
  private static final long[] CHUNKS = {4, 3, 2};
  private static final long[] MISSING = {1, 2, 3};
  @TempDir Path tmp;

  static Stream<Manifest.Entry> entries() throws IOException {
    return Manifest.goldenJsonEntries().stream().filter(e -> !e.status().equals("missing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void readInto_goldenArrays_givesTheBytesOfRead(Manifest.Entry e) throws IOException {
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder().root(Corpus.dir()).build();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(Corpus.file(e.golden()), config)) {
      ZarrArray a = ZarrArray.open(fs.getPath("/", e.array()));
      Slice all = Slice.all(a.shape());
      if (a.dataType().kind() == DataType.Kind.STRING) {
        assertThatThrownBy(() -> a.readInto(all, ByteBuffer.allocate(0)))
            .isInstanceOf(UnsupportedOperationException.class);
        return;
      }
      byte[] expected = a.read().toByteArray();

      assertThat(viaFile(a, all, 7)).isEqualTo(expected);
      assertThat(viaStream(a, all)).isEqualTo(expected);
      assertThat(viaBuffer(a, all)).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "order {0}")
  @ValueSource(strings = {"C", "F"})
  void readInto_stridedSlicesAnyTiling_givesTheBytesOfRead(String order) throws IOException {
    ZarrArray a = ZarrArray.open(write3d(tmp.resolve(order), order));
    List<Slice> slices =
        List.of(
            Slice.all(SHAPE),
            Slice.of(new long[] {1, 2, 0}, new long[] {6, 3, 5}, new long[] {2, 3, 2}),
            Slice.of(new long[] {0, 0, 8}, new long[] {13, 11, 1}, new long[] {1, 1, 1}),
            Slice.of(new long[] {3, 1, 1}, new long[] {2, 2, 2}, new long[] {5, 7, 4}),
            Slice.parse("5,::2,1:8", SHAPE),
            Slice.parse("2:2", SHAPE));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (Slice s : slices) {
        byte[] expected = a.read(s).toByteArray();
        // whole-slab tiles, one chunk row per axis 0..1, single chunks; and the default plan
        for (long budget : new long[] {1 << 30, 500, 1}) {
          TiledRead t = a.tiled(s, budget, 1, budget);
          assertThat(collect(t, false)).as("%s budget %d", s, budget).isEqualTo(expected);
          assertThat(collect(t, true)).as("%s budget %d in order", s, budget).isEqualTo(expected);
        }
        assertThat(viaFile(a, s, 3)).as(s.toString()).isEqualTo(expected);
        assertThat(viaFile(ZarrArray.open(a.path(), pool), s, 0))
            .as(s.toString())
            .isEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void tiledRead_splitsAfterTheFirstAxisWhoseTilesFit() throws IOException {
    ZarrArray a = ZarrArray.open(write3d(tmp.resolve("c"), "C"));
    Slice all = Slice.all(SHAPE);

    assertThat(a.tiled(all, 1 << 30, 1, 1).splitAxis()).isZero();
    assertThat(a.tiled(all, 4 * 4 * 11 * 9, 1, 1).tileBytes()).isEqualTo(4 * 4 * 11 * 9);
    assertThat(a.tiled(all, 4 * 4 * 3 * 9, 1, 1).splitAxis()).isEqualTo(1);
    assertThat(a.tiled(all, 1, 1, 1).splitAxis()).isEqualTo(2);
    // runs of 2 elements are too short to split for: the plan keeps whole rows of chunks along axis
    // 1
    assertThat(a.tiled(all, 1, 4 * 9 * 3, 1).splitAxis()).isEqualTo(1);
  }

  @Test
  void readInto_bufferTooSmall_failsBeforeWriting() throws IOException {
    ZarrArray a = ZarrArray.open(write3d(tmp.resolve("c"), "C"));
    ByteBuffer small = ByteBuffer.allocate(10);

    assertThatThrownBy(() -> a.readInto(Slice.all(SHAPE), small))
        .isInstanceOf(java.nio.BufferOverflowException.class);
    assertThat(small.position()).isZero();
  }

  private static byte[] viaFile(ZarrArray a, Slice s, int at) throws IOException {
    Path f = Files.createTempFile("readinto", ".bin");
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      a.readInto(s, ch, at);
      assertThat(ch.size()).isEqualTo(a.byteSize(s) == 0 ? 0 : at + a.byteSize(s));
      assertThat(ch.position()).isZero();
      ByteBuffer b = ByteBuffer.allocate((int) a.byteSize(s));
      ch.read(b, at);
      return b.array();
    } finally {
      Files.delete(f);
    }
  }

  private static byte[] viaStream(ZarrArray a, Slice s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    a.readInto(s, Channels.newChannel(out));
    return out.toByteArray();
  }

  private static byte[] viaBuffer(ZarrArray a, Slice s) throws IOException {
    ByteBuffer b = ByteBuffer.allocateDirect((int) a.byteSize(s) + 5).position(5);
    a.readInto(s, b);
    assertThat(b.position()).isEqualTo(5 + a.byteSize(s));
    byte[] out = new byte[(int) a.byteSize(s)];
    b.get(5, out);
    return out;
  }

  private static byte[] collect(TiledRead t, boolean ordered) throws IOException {
    ByteArrayOutputStream seq = new ByteArrayOutputStream();
    List<long[]> order = new ArrayList<>();
    byte[][] out = {new byte[0]};
    t.run(
        (at, b) -> {
          synchronized (out) {
            int len = b.remaining();
            if (at + len > out[0].length) {
              out[0] = java.util.Arrays.copyOf(out[0], (int) (at + len));
            }
            b.get(out[0], (int) at, len);
            order.add(new long[] {at, len});
          }
        },
        ordered);
    if (ordered) {
      long next = 0;
      for (long[] w : order) {
        assertThat(w[0]).as("sequential writes").isEqualTo(next);
        next += w[1];
      }
    }
    return out[0];
  }

  // value 1000 i + 10 j + k, big-endian int32, zlib, one chunk missing (reads as the fill value 42)
  private static Path write3d(Path dir, String order) throws IOException {
    LocalStores.write(
        dir.resolve(".zarray"),
        "{\"zarr_format\":2,\"shape\":[13,11,9],\"chunks\":[4,3,2],"
            + "\"dtype\":\">i4\",\"fill_value\":42,\"order\":\""
            + order
            + "\",\"compressor\":{\"id\":\"zlib\",\"level\":1},"
            + "\"filters\":null}");
    for (int ci = 0; ci < 4; ci++) {
      for (int cj = 0; cj < 4; cj++) {
        for (int ck = 0; ck < 5; ck++) {
          if (ci == MISSING[0] && cj == MISSING[1] && ck == MISSING[2]) {
            continue;
          }
          ByteBuffer b = ByteBuffer.allocate(4 * 3 * 2 * 4).order(ByteOrder.BIG_ENDIAN);
          for (int n = 0; n < 24; n++) {
            int i;
            int j;
            int k;
            if (order.equals("C")) {
              i = n / 6;
              j = n / 2 % 3;
              k = n % 2;
            } else {
              k = n / 12;
              j = n / 4 % 3;
              i = n % 4;
            }
            b.putInt(1000 * (ci * 4 + i) + 10 * (cj * 3 + j) + ck * 2 + k);
          }
          LocalStores.write(dir.resolve(ci + "." + cj + "." + ck), LocalStores.zlib(b.array()));
        }
      }
    }
    return dir;
  }
}
