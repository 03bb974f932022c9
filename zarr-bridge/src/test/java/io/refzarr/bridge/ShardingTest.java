package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zarr v3 {@code sharding_indexed}, shards written by the test as the v3 specification lays them
 * out: a 7x5 int32 array ({@code 10 * i + j}) in 4x4 shards of 2x2 gzip inner chunks, index at the
 * end with crc32c; one inner chunk empty and one shard absent, both read as the fill value 42.
 */
class ShardingTest {
  @TempDir Path tmp;

  private static final String META =
      "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[7,5],\"data_type\":\"int32\","
          + "\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[4,4]}},\"fill_value\":42,"
          + "\"codecs\":[{\"name\":\"sharding_indexed\",\"configuration\":{\"chunk_shape\":[2,2],"
          + "\"codecs\":[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},{\"name\":\"gzip\",\"configuration\":{\"level\":1}}],"
          + "\"index_codecs\":[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},{\"name\":\"crc32c\"}],"
          + "\"index_location\":\"end\"}}]}";

  private static boolean fill(int i, int j) {
    return i >= 2 && i < 4 && j >= 2 && j < 4 || i >= 4 && j >= 4;
  }

  @Test
  void read_shardedArray_givesValuesAndFillForEmptyInnerChunkAndMissingShard() throws IOException {
    LocalStores.write(tmp.resolve("zarr.json"), META);
    for (int si = 0; si < 2; si++) {
      for (int sj = 0; sj < 2; sj++) {
        if (si == 1 && sj == 1) {
          continue;
        }
        LocalStores.write(tmp.resolve("c/" + si + "/" + sj), shard(si, sj));
      }
    }

    ArrayData all = ZarrArray.open(tmp).read();

    int[] expected = new int[35];
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 5; j++) {
        expected[i * 5 + j] = fill(i, j) ? 42 : 10 * i + j;
      }
    }
    assertThat(all.toIntArray()).containsExactly(expected);
  }

  @Test
  void read_shardIndexCrcMismatch_namesArrayAndShard() throws IOException {
    LocalStores.write(tmp.resolve("zarr.json"), META);
    byte[] bad = shard(0, 1);
    bad[bad.length - 10] ^= 1;
    LocalStores.write(tmp.resolve("c/0/1"), bad);

    assertThatThrownBy(() -> ZarrArray.open(tmp).read())
        .isInstanceOf(ChunkDecodeException.class)
        .hasMessageContaining("chunk 'c/0/1'")
        .hasMessageContaining("crc32c");
  }

  private static byte[] shard(int si, int sj) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ByteBuffer index = ByteBuffer.allocate(4 * 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        int i0 = si * 4 + a * 2;
        int j0 = sj * 4 + b * 2;
        if (fill(i0, j0)) {
          index.putLong(-1L).putLong(-1L);
          continue;
        }
        byte[] inner =
            LocalStores.gzip(
                LocalStores.ints(ByteOrder.LITTLE_ENDIAN, 2, 2, (i, j) -> 10 * (i0 + i) + j0 + j));
        index.putLong(body.size()).putLong(inner.length);
        body.write(inner);
      }
    }
    body.write(LocalStores.withCrc32c(index.array()));
    return body.toByteArray();
  }

  @Test
  void open_nestedSharding_isRejected() throws IOException {
    LocalStores.write(
        tmp.resolve("zarr.json"),
        META.replace(
            "[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},"
                + "{\"name\":\"gzip\"",
            "[{\"name\":\"sharding_indexed\",\"configuration\":{}},{\"name\":\"gzip\""));

    assertThatThrownBy(() -> ZarrArray.open(tmp))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("nested sharding");
  }
}
