package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteOrder;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrays in local directories and zips, written by the test: a 7x5 big-endian int32 array in 3x2
 * chunks (zlib, value {@code 10 * i + j}, one chunk missing so it reads as the fill value 42), in C
 * and F order, and the same as Zarr v3 with transpose, big-endian bytes, gzip and crc32c.
 */
class LocalStoreTest {
  private static final int ROWS = 7;
  private static final int COLS = 5;
  private static final long[] MISSING = {1, 1};
  @TempDir Path tmp;

  private static int value(long i, long j) {
    return i / 3 == MISSING[0] && j / 2 == MISSING[1] ? 42 : (int) (10 * i + j);
  }

  private Path writeV2(Path dir, String order) throws IOException {
    LocalStores.write(
        dir.resolve(".zarray"),
        "{\"zarr_format\":2,\"shape\":[7,5],\"chunks\":[3,2],"
            + "\"dtype\":\">i4\",\"fill_value\":42,\"order\":\""
            + order
            + "\",\"compressor\":{\"id\":\"zlib\",\"level\":1},"
            + "\"filters\":null}");
    LocalStores.write(
        dir.resolve(".zattrs"), "{\"_ARRAY_DIMENSIONS\":[\"y\",\"x\"],\"units\":\"m\"}");
    for (int ci = 0; ci < 3; ci++) {
      for (int cj = 0; cj < 3; cj++) {
        if (ci == MISSING[0] && cj == MISSING[1]) {
          continue;
        }
        int i0 = ci * 3;
        int j0 = cj * 2;
        byte[] raw =
            order.equals("C")
                ? LocalStores.ints(ByteOrder.BIG_ENDIAN, 3, 2, (i, j) -> 10 * (i0 + i) + j0 + j)
                : LocalStores.ints(ByteOrder.BIG_ENDIAN, 2, 3, (j, i) -> 10 * (i0 + i) + j0 + j);
        LocalStores.write(dir.resolve(ci + "." + cj), LocalStores.zlib(raw));
      }
    }
    return dir;
  }

  private static int[] expected(long[] off, long[] cnt, long[] str) {
    int[] out = new int[(int) (cnt[0] * cnt[1])];
    for (int a = 0; a < cnt[0]; a++) {
      for (int b = 0; b < cnt[1]; b++) {
        out[(int) (a * cnt[1] + b)] = value(off[0] + a * str[0], off[1] + b * str[1]);
      }
    }
    return out;
  }

  @Test
  void read_localDirectoryCOrder_givesValuesAndFillForMissingChunk() throws IOException {
    ZarrArray a = ZarrArray.open(writeV2(tmp.resolve("a"), "C"));

    ArrayData all = a.read();

    assertThat(all.shape()).containsExactly(ROWS, COLS);
    assertThat(all.toIntArray())
        .containsExactly(expected(new long[] {0, 0}, new long[] {7, 5}, new long[] {1, 1}));
    assertThat(a.dimensionNames()).containsExactly("y", "x");
    assertThat(a.attributes()).containsEntry("units", "m");
  }

  @Test
  void read_fortranOrderStridedSlice_givesSelectedValues() throws IOException {
    ZarrArray a = ZarrArray.open(writeV2(tmp.resolve("f"), "F"));

    ArrayData s = a.read(Slice.of(new long[] {1, 0}, new long[] {3, 2}, new long[] {2, 3}));

    assertThat(s.shape()).containsExactly(3, 2);
    assertThat(s.toIntArray())
        .containsExactly(expected(new long[] {1, 0}, new long[] {3, 2}, new long[] {2, 3}));
  }

  @Test
  void read_parsedSliceWithIndex_dropsAxis() throws IOException {
    ZarrArray a = ZarrArray.open(writeV2(tmp.resolve("c"), "C"));

    ArrayData row = a.read(Slice.parse("4,1:", a.shape()));

    assertThat(row.shape()).containsExactly(4);
    assertThat(row.toIntArray()).containsExactly(41, 42, 42, 44);
  }

  @Test
  void read_zipFileSystem_givesSameValues() throws IOException {
    Path src = writeV2(tmp.resolve("src"), "C");
    Path zip = tmp.resolve("store.zip");
    try (FileSystem zfs =
            FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("create", "true"));
        Stream<Path> files = Files.list(src)) {
      Files.createDirectories(zfs.getPath("/arr"));
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, zfs.getPath("/arr/" + f.getFileName()));
      }
    }
    try (FileSystem zfs = FileSystems.newFileSystem(zip)) {
      ZarrGroup root = ZarrGroup.open(zfs.getPath("/"));
      assertThat(root.arrayPaths()).containsExactly("arr");
      assertThat(root.array("arr").read().toIntArray())
          .containsExactly(expected(new long[] {0, 0}, new long[] {7, 5}, new long[] {1, 1}));
    }
  }

  @Test
  void read_zarrV3TransposeBigEndianGzipCrc32c_givesValues() throws IOException {
    Path dir = tmp.resolve("v3");
    LocalStores.write(
        dir.resolve("zarr.json"),
        "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[7,5],"
            + "\"data_type\":\"int32\",\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[3,2]}},"
            + "\"chunk_key_encoding\":{\"name\":\"default\",\"configuration\":{\"separator\":\"/\"}},\"fill_value\":42,"
            + "\"codecs\":[{\"name\":\"transpose\",\"configuration\":{\"order\":[1,0]}},"
            + "{\"name\":\"bytes\",\"configuration\":{\"endian\":\"big\"}},{\"name\":\"gzip\",\"configuration\":{\"level\":1}},"
            + "{\"name\":\"crc32c\"}],\"dimension_names\":[\"y\",\"x\"],\"attributes\":{\"k\":1}}");
    for (int ci = 0; ci < 3; ci++) {
      for (int cj = 0; cj < 3; cj++) {
        if (ci == MISSING[0] && cj == MISSING[1]) {
          continue;
        }
        int i0 = ci * 3;
        int j0 = cj * 2;
        byte[] raw = LocalStores.ints(ByteOrder.BIG_ENDIAN, 2, 3, (j, i) -> 10 * (i0 + i) + j0 + j);
        LocalStores.write(
            dir.resolve("c/" + ci + "/" + cj), LocalStores.withCrc32c(LocalStores.gzip(raw)));
      }
    }
    ZarrArray a = ZarrArray.open(dir);

    assertThat(a.read().toIntArray())
        .containsExactly(expected(new long[] {0, 0}, new long[] {7, 5}, new long[] {1, 1}));
    assertThat(a.dimensionNames()).containsExactly("y", "x");
    assertThat(a.attributes()).containsEntry("k", 1L);
  }

  @Test
  void read_corruptZlibStream_namesArrayAndChunk() throws IOException {
    Path dir = writeV2(tmp.resolve("bad"), "C");
    Files.write(dir.resolve("2.1"), new byte[] {0x78, (byte) 0x9c, 1, 2, 3, 4, 5, 6});
    ZarrArray a = ZarrArray.open(dir);

    assertThatThrownBy(a::read)
        .isInstanceOf(ChunkDecodeException.class)
        .hasMessageContaining("bad")
        .hasMessageContaining("chunk '2.1'")
        .hasMessageContaining("zlib");
  }

  @Test
  void read_wrongDecodedSize_namesArrayAndChunk() throws IOException {
    Path dir = writeV2(tmp.resolve("short"), "C");
    Files.write(dir.resolve("0.2"), LocalStores.zlib(new byte[20]));
    ZarrArray a = ZarrArray.open(dir);

    assertThatThrownBy(() -> a.read(Slice.parse("0:3,4", a.shape())))
        .isInstanceOf(ChunkDecodeException.class)
        .hasMessageContaining("short")
        .hasMessageContaining("chunk '0.2'")
        .hasMessageContaining("expected 24");
  }

  @Test
  void read_chunkOutsideSlice_isNotRead() throws IOException {
    Path dir = writeV2(tmp.resolve("lazy"), "C");
    Files.write(dir.resolve("2.2"), new byte[] {9, 9, 9});
    ZarrArray a = ZarrArray.open(dir);

    assertThat(a.read(Slice.parse("0:6,0:4", a.shape())).size()).isEqualTo(24);
    assertThatThrownBy(a::read)
        .isInstanceOf(ChunkDecodeException.class)
        .hasMessageContaining("chunk '2.2'");
  }

  @Test
  void read_fletcher32Mismatch_namesArrayAndChunk() throws IOException {
    Path dir = tmp.resolve("f32");
    LocalStores.write(
        dir.resolve(".zarray"),
        "{\"zarr_format\":2,\"shape\":[4],\"chunks\":[4],\"dtype\":\"<i4\","
            + "\"fill_value\":0,\"order\":\"C\",\"compressor\":null,\"filters\":[{\"id\":\"fletcher32\"}]}");
    byte[] chunk = new byte[20];
    chunk[0] = 1;
    chunk[16] = 7;
    LocalStores.write(dir.resolve("0"), chunk);
    ZarrArray a = ZarrArray.open(dir);

    assertThatThrownBy(a::read)
        .isInstanceOf(ChunkDecodeException.class)
        .hasMessageContaining("f32")
        .hasMessageContaining("chunk '0'")
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void open_unknownCodec_namesArrayAndCodec() throws IOException {
    Path dir = tmp.resolve("unknown");
    LocalStores.write(
        dir.resolve(".zarray"),
        "{\"zarr_format\":2,\"shape\":[4],\"chunks\":[4],\"dtype\":\"<i4\","
            + "\"fill_value\":0,\"order\":\"C\",\"compressor\":{\"id\":\"bz3\"},\"filters\":null}");

    assertThatThrownBy(() -> ZarrArray.open(dir))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("unknown")
        .hasMessageContaining("bz3");
  }

  @Test
  void open_absurdChunkShape_isRejectedNotAllocated() throws IOException {
    Path dir = tmp.resolve("huge");
    LocalStores.write(
        dir.resolve(".zarray"),
        "{\"zarr_format\":2,\"shape\":[9000000000000000000,9000000000],"
            + "\"chunks\":[9000000000000000000,9000000000],\"dtype\":\"<f8\",\"fill_value\":0,\"order\":\"C\","
            + "\"compressor\":null,\"filters\":null}");

    assertThatThrownBy(() -> ZarrArray.open(dir))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("huge")
        .hasMessageContaining("too large");
  }

  @Test
  void read_sliceOutOfBounds_isRejected() throws IOException {
    ZarrArray a = ZarrArray.open(writeV2(tmp.resolve("oob"), "C"));

    assertThatThrownBy(() -> a.read(new long[] {5, 0}, new long[] {3, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("axis 0");
  }
}
