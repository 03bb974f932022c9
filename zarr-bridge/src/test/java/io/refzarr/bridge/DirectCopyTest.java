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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ZarrArray#readInto(Slice, FileChannel, long)} on an uncompressed array whose chunks are
 * whole rows: chunks that are full ranges of local files are copied file to file ({@link
 * DirectCopy}), the others (missing, inline) are read the ordinary way, and the result is the
 * array's values at the given position, equal to what {@link ZarrArray#read} gives.
 */
class DirectCopyTest {
  private static final int ROWS = 9; // 5 chunk rows, the last one half outside the array
  private static final int ROW_ELEMENTS = 64 * 1024;
  private static final int CHUNK_ROWS = 2;
  private static final long CHUNK_BYTES = (long) CHUNK_ROWS * ROW_ELEMENTS * 4;
  private static final int HEADER = 100;
  private static final int FILL = 7;
  private static final int MISSING = 2;
  @TempDir Path tmp;

  @Test
  void readInto_rawChunksInLocalFiles_copiesTheValuesAndFillsTheRest() throws IOException {
    writeSet();
    try (FileSystem fs = open()) {
      ZarrArray a = ZarrArray.open(fs.getPath("/a"));
      for (Slice s :
          new Slice[] {
            Slice.all(a.shape()),
            Slice.parse("3:8", a.shape()),
            Slice.parse("8:9", a.shape()),
            Slice.parse("4:4", a.shape())
          }) {
        assertThat(DirectCopy.of(ViaFile.layoutOf(a), s, null, null)).as(s.toString()).isPresent();
        byte[] got = ViaFile.read(a, s, 16, tmp.resolve("out.bin"));
        assertThat(got).as(s.toString()).isEqualTo(expected(s.offset()[0], s.count()[0]));
        assertThat(got).as(s.toString()).isEqualTo(a.read(s).toByteArray());
      }
    }
  }

  @Test
  void of_stridedOrPartialRows_doesNotApply() throws IOException {
    writeSet();
    try (FileSystem fs = open()) {
      ZarrArray a = ZarrArray.open(fs.getPath("/a"));
      ArrayLayout layout = ViaFile.layoutOf(a);
      assertThat(DirectCopy.of(layout, Slice.parse("::2", a.shape()), null, null)).isEmpty();
      assertThat(DirectCopy.of(layout, Slice.parse(":,1:3", a.shape()), null, null)).isEmpty();
      Slice partial = Slice.parse(":,:,5:9", a.shape());
      assertThat(ViaFile.read(a, partial, 0, tmp.resolve("out.bin")))
          .isEqualTo(a.read(partial).toByteArray());
    }
  }

  @Test
  void readInto_targetTruncatedAfterOpening_failsNamingTheKey() throws IOException {
    writeSet();
    try (FileSystem fs = open()) {
      ZarrArray a = ZarrArray.open(fs.getPath("/a"));
      try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("data.bin").toFile(), "rw")) {
        f.setLength(HEADER + 3 * CHUNK_BYTES + 10);
      }
      assertThatThrownBy(() -> ViaFile.read(a, Slice.all(a.shape()), 0, tmp.resolve("out.bin")))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("a/")
          .hasMessageContaining("data.bin")
          .hasMessageContaining("shorter");
    }
  }

  // Element i of the array is i, except the missing chunk row, which reads as FILL.
  private static byte[] expected(long firstRow, long rows) {
    ByteBuffer b =
        ByteBuffer.allocate((int) (rows * ROW_ELEMENTS * 4)).order(ByteOrder.LITTLE_ENDIAN);
    for (long r = firstRow; r < firstRow + rows; r++) {
      for (int e = 0; e < ROW_ELEMENTS; e++) {
        b.putInt(r / CHUNK_ROWS == MISSING ? FILL : (int) (r * ROW_ELEMENTS + e));
      }
    }
    return b.array();
  }

  // data.bin: a header, then chunk rows 0, 1, 3, 4 (edge rows past the array hold -1); chunk row 2
  // is not in the set.
  private void writeSet() throws IOException {
    long chunks = (ROWS + CHUNK_ROWS - 1) / CHUNK_ROWS;
    StringBuilder refs = new StringBuilder("{\"version\":1,\"refs\":{");
    refs.append("\".zgroup\":\"{\\\"zarr_format\\\":2}\",");
    refs.append("\"a/.zarray\":\"{\\\"zarr_format\\\":2,\\\"shape\\\":[")
        .append(ROWS)
        .append(",64,1024],\\\"chunks\\\":[")
        .append(CHUNK_ROWS)
        .append(",64,1024],\\\"dtype\\\":\\\"<i4\\\",\\\"compressor\\\":null,\\\"filters\\\":null,")
        .append("\\\"fill_value\\\":")
        .append(FILL)
        .append(",\\\"order\\\":\\\"C\\\"}\"");
    try (FileChannel ch =
        FileChannel.open(
            tmp.resolve("data.bin"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(HEADER));
      for (long c = 0; c < chunks; c++) {
        if (c == MISSING) {
          continue;
        }
        ByteBuffer chunk = ByteBuffer.allocate((int) CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long r = c * CHUNK_ROWS; r < (c + 1) * CHUNK_ROWS; r++) {
          for (int e = 0; e < ROW_ELEMENTS; e++) {
            chunk.putInt(r < ROWS ? (int) (r * ROW_ELEMENTS + e) : -1);
          }
        }
        long offset = ch.position();
        ch.write(chunk.flip());
        refs.append(",\"a/")
            .append(c)
            .append(".0.0\":[\"data.bin\",")
            .append(offset)
            .append(',')
            .append(CHUNK_BYTES)
            .append(']');
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
