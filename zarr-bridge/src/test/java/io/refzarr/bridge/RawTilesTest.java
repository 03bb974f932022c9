package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.source.ReferenceNotReachableException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ZarrArray#readInto(Slice, FileChannel, long)} on an uncompressed array whose chunks are
 * not whole rows: tiles whose chunks are all full ranges of local files are read straight into a
 * direct buffer ({@link RawTiles}), the others (a missing chunk, an inline one) the ordinary way;
 * the result equals the array's values and what {@link ZarrArray#read} gives.
 */
class RawTilesTest {
  private static final long[] SHAPE = {16, 512, 384};
  private static final long[] CHUNKS = {2, 256, 128}; // 256 KiB of int32
  private static final int FILL = 7;
  private static final String MISSING = "3.1.2";
  private static final String INLINE = "5.0.0";
  private static final int HEADER = 100;
  @TempDir Path tmp;

  @Test
  void readInto_chunksInLocalFiles_givesTheValuesWithFillAndInlineChunks() throws IOException {
    writeSet(new Random(5));
    try (FileSystem fs = open()) {
      ZarrArray a = ZarrArray.open(fs.getPath("/a"));
      for (String slice : new String[] {":", "1:15,100:500,3:380", "4:5", "0:0", "6:8,256:512"}) {
        Slice s = Slice.parse(slice, a.shape());
        assertThat(RawTiles.of(ViaFile.layoutOf(a), s, null)).as(slice).isPresent();
        byte[] got = ViaFile.read(a, s, 16, tmp.resolve("out.bin"));
        assertThat(got).as(slice).isEqualTo(expected(s));
        assertThat(got).as(slice).isEqualTo(a.read(s).toByteArray());
      }
    }
  }

  @Test
  void read_aTileWithAMissingOrInlineChunk_isLeftToTheOrdinaryPath() throws IOException {
    writeSet(new Random(6));
    try (FileSystem fs = open()) {
      ZarrArray a = ZarrArray.open(fs.getPath("/a"));
      ArrayLayout layout = ViaFile.layoutOf(a);
      ChunkFetcher fetcher = ChunkFetcher.of(a.path());
      RawTiles raw = RawTiles.of(layout, Slice.all(a.shape()), fetcher).orElseThrow();
      ByteBuffer dst = ByteBuffer.allocateDirect(2 * 512 * 384 * 4);
      Slice local = Slice.parse("2:4", a.shape());
      assertThat(raw.read(local, dst, raw.worker())).isTrue();
      byte[] got = new byte[dst.capacity()];
      dst.get(0, got);
      assertThat(got).isEqualTo(expected(local));
      Slice upperHalf = Slice.parse("6:8,0:256", a.shape());
      assertThat(raw.read(upperHalf, dst, raw.worker())).isTrue();
      assertThat(raw.read(Slice.parse("6:8", a.shape()), dst, raw.worker())).isFalse(); // missing
      assertThat(raw.read(Slice.parse("10:12", a.shape()), dst, raw.worker())).isFalse(); // inline
    }
  }

  @Test
  void of_stridedSlicesOrSmallOrEncodedChunks_doesNotApply() throws IOException {
    writeSet(new Random(7));
    try (FileSystem fs = open()) {
      ZarrArray a = ZarrArray.open(fs.getPath("/a"));
      ArrayLayout layout = ViaFile.layoutOf(a);
      assertThat(RawTiles.of(layout, Slice.parse("::2", a.shape()), null)).isEmpty();
      assertThat(RawTiles.of(layout, Slice.parse(":,:,1::3", a.shape()), null)).isEmpty();
      Slice strided = Slice.parse("1::3,5:400:7", a.shape());
      assertThat(ViaFile.read(a, strided, 0, tmp.resolve("out.bin")))
          .isEqualTo(a.read(strided).toByteArray());
    }
  }

  @Test
  void readInto_targetTruncatedAfterOpening_failsNamingTheKeyAndFile() throws IOException {
    writeSet(new Random(8));
    try (FileSystem fs = open()) {
      ZarrArray a = ZarrArray.open(fs.getPath("/a"));
      try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("data.bin").toFile(), "rw")) {
        f.setLength(HEADER + 5L * chunkBytes() + 10);
      }
      assertThatThrownBy(() -> ViaFile.read(a, Slice.all(a.shape()), 0, tmp.resolve("out.bin")))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("a/")
          .hasMessageContaining("data.bin");
    }
  }

  // Element (i, j, k) is its C-order number, except in the missing chunk, which reads as FILL.
  private static byte[] expected(Slice s) {
    long[] o = s.offset();
    long[] c = s.count();
    long[] st = s.stride();
    ByteBuffer b = ByteBuffer.allocate((int) (s.size() * 4)).order(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < c[0]; i++) {
      for (long j = 0; j < c[1]; j++) {
        for (long k = 0; k < c[2]; k++) {
          long[] e = {o[0] + i * st[0], o[1] + j * st[1], o[2] + k * st[2]};
          b.putInt(chunkKey(e).equals(MISSING) ? FILL : (int) number(e));
        }
      }
    }
    return b.array();
  }

  private static String chunkKey(long[] e) {
    return (e[0] / CHUNKS[0]) + "." + (e[1] / CHUNKS[1]) + "." + (e[2] / CHUNKS[2]);
  }

  private static long number(long[] e) {
    return (e[0] * SHAPE[1] + e[1]) * SHAPE[2] + e[2];
  }

  private static long chunkBytes() {
    return CHUNKS[0] * CHUNKS[1] * CHUNKS[2] * 4;
  }

  private static byte[] chunk(long[] index) {
    ByteBuffer b = ByteBuffer.allocate((int) chunkBytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < CHUNKS[0]; i++) {
      for (long j = 0; j < CHUNKS[1]; j++) {
        for (long k = 0; k < CHUNKS[2]; k++) {
          b.putInt(
              (int)
                  number(
                      new long[] {
                        index[0] * CHUNKS[0] + i, index[1] * CHUNKS[1] + j, index[2] * CHUNKS[2] + k
                      }));
        }
      }
    }
    return b.array();
  }

  // data.bin: a header, then the chunks in a shuffled order; MISSING is not in the set and INLINE
  // is held in it as base64.
  private void writeSet(Random random) throws IOException {
    List<long[]> indices = new ArrayList<>();
    for (long i = 0; i < SHAPE[0] / CHUNKS[0]; i++) {
      for (long j = 0; j < SHAPE[1] / CHUNKS[1]; j++) {
        for (long k = 0; k < SHAPE[2] / CHUNKS[2]; k++) {
          indices.add(new long[] {i, j, k});
        }
      }
    }
    Collections.shuffle(indices, random);
    StringBuilder refs = new StringBuilder("{\"version\":1,\"refs\":{");
    refs.append("\".zgroup\":\"{\\\"zarr_format\\\":2}\",");
    refs.append("\"a/.zarray\":\"{\\\"zarr_format\\\":2,\\\"shape\\\":[16,512,384],")
        .append("\\\"chunks\\\":[2,256,128],\\\"dtype\\\":\\\"<i4\\\",\\\"compressor\\\":null,")
        .append("\\\"filters\\\":null,\\\"fill_value\\\":")
        .append(FILL)
        .append(",\\\"order\\\":\\\"C\\\"}\"");
    try (FileChannel ch =
        FileChannel.open(
            tmp.resolve("data.bin"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(HEADER));
      for (long[] index : indices) {
        String key = index[0] + "." + index[1] + "." + index[2];
        if (key.equals(MISSING)) {
          continue;
        }
        refs.append(",\"a/").append(key).append("\":");
        if (key.equals(INLINE)) {
          refs.append('"')
              .append("base64:")
              .append(Base64.getEncoder().encodeToString(chunk(index)))
              .append('"');
          continue;
        }
        long offset = ch.position();
        ch.write(ByteBuffer.wrap(chunk(index)));
        refs.append("[\"data.bin\",").append(offset).append(',').append(chunkBytes()).append(']');
      }
    }
    refs.append("}}");
    Files.writeString(tmp.resolve("refs.json"), refs);
  }

  private FileSystem open() throws IOException {
    return ReferenceFileSystems.newFileSystem(
        tmp.resolve("refs.json"), ReferenceFileSystemConfig.builder().root(tmp).build());
  }
}
