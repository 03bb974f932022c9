package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code get} of variable-length strings ({@code vlen-utf8} chunks) to {@code .npy}: every string
 * of the slice, in C order, as fixed-size unicode padded to the longest, read in blocks of chunk
 * rows with memory bounded by a block, not the slice.
 */
class GetStringsTest {
  private static final long[] SHAPE = {7, 4};
  private static final long[] CHUNKS = {2, 3};
  @TempDir Path tmp;

  @Test
  void get_stringsOverManyChunks_writesEveryStringPaddedToTheLongest() throws IOException {
    Path refs = writeSet();
    String[][] slices = {
      {":", "(7, 4)"}, {"1:7:2,1:4", "(3, 3)"}, {"3", "(4,)"}, {"2:6,2", "(4,)"}, {"0:0", "(0, 4)"}
    };
    for (String[] slice : slices) {
      Path npy = tmp.resolve("out" + slice[0].replaceAll("[^0-9]", "_") + ".npy");
      CliTest.runOk("get", refs.toString(), "a", "--slice", slice[0], "-o", npy.toString());
      List<String> expected = expected(slice[0]);
      int width =
          Math.max(
              1, expected.stream().mapToInt(s -> s.codePointCount(0, s.length())).max().orElse(1));
      byte[] file = Files.readAllBytes(npy);
      String header = header(file);
      assertThat(header).as(slice[0]).contains("'descr': '<U" + width + "'");
      assertThat(header).as(slice[0]).contains("'shape': " + slice[1]);
      assertThat(strings(file, width)).as(slice[0]).isEqualTo(expected);
    }
  }

  @Test
  void get_toStandardOutput_writesTheSameFile() throws IOException {
    Path refs = writeSet();
    Path npy = tmp.resolve("file.npy");
    CliTest.runOk("get", refs.toString(), "a", "-o", npy.toString());
    CliTest.Result piped = CliTest.runOk("get", refs.toString(), "a", "-o", "-");
    assertThat(piped.out()).isEqualTo(Files.readAllBytes(npy));
  }

  /**
   * Two million strings (200 references to one chunk of 10,000) read by a JVM whose heap is capped
   * at 48 MiB: held whole, as before, they and their text took several times that.
   */
  @Test
  void get_moreStringsThanTheHeapHolds_streamsInBlocks() throws Exception {
    String[] chunk = new String[10_000];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = String.format("v%07d", i);
    }
    Path bin = Files.write(tmp.resolve("chunk.bin"), vlenUtf8(chunk));
    StringBuilder json =
        new StringBuilder("{\"version\":1,\"refs\":{\".zgroup\":\"{\\\"zarr_format\\\":2}\",")
            .append("\"s/.zarray\":\"")
            .append(zarray(new long[] {2_000_000}, new long[] {10_000}).replace("\"", "\\\""))
            .append('"');
    for (int c = 0; c < 200; c++) {
      json.append(",\"s/").append(c).append("\":[\"").append(bin.toAbsolutePath()).append("\",0,");
      json.append(Files.size(bin)).append(']');
    }
    Path refs = Files.writeString(tmp.resolve("big.json"), json.append("}}").toString());
    Path npy = tmp.resolve("big.npy");
    CliTest.runInChildJvm(
        "48m", tmp.resolve("child.log"), 2, "get", refs.toString(), "s", "-o", npy.toString());
    ByteBuffer one = ByteBuffer.allocate(chunk.length * 8 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (String s : chunk) {
      s.codePoints().forEach(one::putInt);
    }
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    for (int c = 0; c < 200; c++) {
      expected.update(one.array());
    }
    MessageDigest actual = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(npy)) {
      byte[] head = in.readNBytes(10);
      int len = ByteBuffer.wrap(head, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
      String header = new String(in.readNBytes(len), StandardCharsets.ISO_8859_1);
      assertThat(header).contains("'descr': '<U8'").contains("'shape': (2000000,)");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        actual.update(buf, 0, n);
      }
    }
    assertThat(actual.digest()).isEqualTo(expected.digest());
  }

  // Element (i, j): text of varying length, with an empty one and characters outside the BMP.
  private static String value(long i, long j) {
    if (i == 2 && j == 1) {
      return "";
    }
    return "r" + i + "c" + j + "é".repeat((int) ((i * 3 + j) % 4)) + (j == 3 ? "\uD834\uDD1E" : "");
  }

  private List<String> expected(String slice) {
    String[] axes = slice.split(",", -1);
    List<long[]> ranges = new ArrayList<>();
    for (int d = 0; d < 2; d++) {
      String axis = d < axes.length ? axes[d] : ":";
      String[] p = axis.split(":", -1);
      if (p.length == 1) {
        long i = Long.parseLong(p[0]);
        ranges.add(new long[] {i, i + 1, 1});
        continue;
      }
      long lo = p[0].isEmpty() ? 0 : Long.parseLong(p[0]);
      long hi = p[1].isEmpty() ? SHAPE[d] : Long.parseLong(p[1]);
      long step = p.length > 2 && !p[2].isEmpty() ? Long.parseLong(p[2]) : 1;
      ranges.add(new long[] {lo, hi, step});
    }
    List<String> out = new ArrayList<>();
    for (long i = ranges.get(0)[0]; i < ranges.get(0)[1]; i += ranges.get(0)[2]) {
      for (long j = ranges.get(1)[0]; j < ranges.get(1)[1]; j += ranges.get(1)[2]) {
        out.add(value(i, j));
      }
    }
    return out;
  }

  // A 7 x 4 array in 2 x 3 chunks, each inline; edge chunks hold padding strings past the shape.
  private Path writeSet() throws IOException {
    StringBuilder json =
        new StringBuilder("{\"version\":1,\"refs\":{\".zgroup\":\"{\\\"zarr_format\\\":2}\",")
            .append("\"a/.zarray\":\"")
            .append(zarray(SHAPE, CHUNKS).replace("\"", "\\\""))
            .append('"');
    for (long ci = 0; ci * CHUNKS[0] < SHAPE[0]; ci++) {
      for (long cj = 0; cj * CHUNKS[1] < SHAPE[1]; cj++) {
        String[] items = new String[(int) (CHUNKS[0] * CHUNKS[1])];
        for (int k = 0; k < items.length; k++) {
          long i = ci * CHUNKS[0] + k / CHUNKS[1];
          long j = cj * CHUNKS[1] + k % CHUNKS[1];
          items[k] = i < SHAPE[0] && j < SHAPE[1] ? value(i, j) : "padding";
        }
        json.append(",\"a/")
            .append(ci)
            .append('.')
            .append(cj)
            .append("\":\"base64:")
            .append(Base64.getEncoder().encodeToString(vlenUtf8(items)))
            .append('"');
      }
    }
    return Files.writeString(tmp.resolve("strings.json"), json.append("}}").toString());
  }

  private static String zarray(long[] shape, long[] chunks) {
    return "{\"zarr_format\":2,\"shape\":"
        + java.util.Arrays.toString(shape).replace(" ", "")
        + ",\"chunks\":"
        + java.util.Arrays.toString(chunks).replace(" ", "")
        + ",\"dtype\":\"|O\",\"fill_value\":null,\"order\":\"C\",\"compressor\":null,"
        + "\"filters\":[{\"id\":\"vlen-utf8\"}]}";
  }

  // numcodecs' VLenUTF8: the item count, then each item's length and UTF-8 bytes (little-endian).
  private static byte[] vlenUtf8(String[] items) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(le(items.length));
    for (String s : items) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.write(le(b.length));
      out.write(b);
    }
    return out.toByteArray();
  }

  private static byte[] le(int n) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array();
  }

  private static String header(byte[] npy) {
    int len = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    return new String(npy, 10, len, StandardCharsets.ISO_8859_1);
  }

  private static List<String> strings(byte[] npy, int width) {
    int len = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    ByteBuffer data =
        ByteBuffer.wrap(npy, 10 + len, npy.length - 10 - len).order(ByteOrder.LITTLE_ENDIAN);
    List<String> out = new ArrayList<>();
    while (data.hasRemaining()) {
      StringBuilder s = new StringBuilder();
      for (int k = 0; k < width; k++) {
        int c = data.getInt();
        if (c != 0) {
          s.appendCodePoint(c);
        }
      }
      out.add(s.toString());
    }
    return out;
  }
}
