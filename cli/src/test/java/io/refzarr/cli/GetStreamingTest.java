package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.refzarr.bridge.Slice;
import io.refzarr.bridge.ZarrArray;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code refzarr get -o FILE.npy} streams the decoded chunks into the file: the values equal the
 * manifest checksum and the library's in-memory read for whole arrays and strided slices, a pipe
 * gets them in order, and an array larger than the heap is written by a JVM with a small heap.
 */
class GetStreamingTest {
  static final String ROOT = CliTest.CORPUS.toString();
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "hdf5_chunkgrid, grid",
    "hdf5_dtypes, bigendian/f8",
    "hdf5_dtypes, d4_f4",
    "hdf5_dtypes, ints/u8",
    "hdf5_dtypes, fill_i2",
    "nc4_cf, temp",
    "hdf5_layouts, scalar_f8",
    "hdf5_layouts, scalar_i4"
  })
  void get_wholeArray_npyDataHasManifestChecksum(String set, String array) throws Exception {
    Path npy = tmp.resolve("a.npy");

    CliTest.Result r = CliTest.run("get", golden(set), array, "-o", npy.toString(), "--root", ROOT);

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(sha256(npyData(npy))).isEqualTo(GoldenManifest.sha(set, array));
  }

  @ParameterizedTest(name = "{0} {1} [{2}]")
  @CsvSource(
      delimiter = ';',
      value = {
        "hdf5_chunkgrid; grid; 3:397:7,::3",
        "hdf5_chunkgrid; grid; 5,1:399:2",
        "hdf5_dtypes; d4_f4; ::1,1:,::3,1::2",
        "nc4_cf; temp; 1:9:3,:,2::5,::7"
      })
  void get_stridedSlice_npyEqualsInMemoryRead(String set, String array, String sel)
      throws Exception {
    Path npy = tmp.resolve("s.npy");

    CliTest.Result r =
        CliTest.run(
            "get", golden(set), array, "--slice", sel, "-o", npy.toString(), "--root", ROOT);

    assertThat(r.status()).as(r.err()).isZero();
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder().root(CliTest.CORPUS).build();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(Path.of(golden(set)), config)) {
      ZarrArray a = ZarrArray.open(fs.getPath("/", array));
      byte[] expected = a.read(Slice.parse(sel, a.shape())).toByteArray();
      assertThat(expected.length).isPositive();
      assertThat(npyData(npy)).isEqualTo(expected);
      assertThat(npyHeader(npy))
          .contains("'shape': " + shapeText(a.read(Slice.parse(sel, a.shape())).shape()));
    }
  }

  @Test
  void get_intoNamedPipe_writesTheFileInOrder() throws Exception {
    Path fifo = tmp.resolve("fifo");
    assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is missing");
    CompletableFuture<byte[]> read =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });

    CliTest.Result r =
        CliTest.run("get", golden("hdf5_chunkgrid"), "grid", "-o", fifo.toString(), "--root", ROOT);

    assertThat(r.status()).as(r.err()).isZero();
    Path copy = Files.write(tmp.resolve("copy.npy"), read.get(30, TimeUnit.SECONDS));
    assertThat(sha256(npyData(copy))).isEqualTo(GoldenManifest.sha("hdf5_chunkgrid", "grid"));
  }

  /**
   * {@code -o -} and {@code -o /dev/stdout} into a pipe, as a shell pipeline runs them: the .npy in
   * order on standard output (with {@code /dev/stdout} a link to {@code /proc/self/fd/1}, whose
   * text names no file, it was taken for a new regular file and failed).
   */
  @ParameterizedTest
  @CsvSource({"-, grid", "/dev/stdout, grid", "-, ints/u8", "/dev/stdout, vlen_str"})
  void get_toStandardOutputThatIsAPipe_writesTheNpyThere(String output, String array)
      throws Exception {
    String set = array.equals("grid") ? "hdf5_chunkgrid" : "hdf5_dtypes";
    assumeTrue(Files.exists(Path.of("/dev/stdout")), "no /dev/stdout");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "get",
                golden(set),
                array,
                "-o",
                output,
                "--root",
                ROOT)
            .directory(tmp.toFile())
            .redirectError(tmp.resolve("child.err").toFile())
            .start();
    byte[] npy;
    try (InputStream in = p.getInputStream()) {
      npy = in.readAllBytes();
    }

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("child.err"))).isZero();
    Path copy = Files.write(tmp.resolve("copy.npy"), npy);
    if (array.equals("vlen_str")) {
      assertThat(npyHeader(copy)).contains("'descr': '<U");
    } else {
      assertThat(sha256(npyData(copy))).isEqualTo(GoldenManifest.sha(set, array));
    }
    assertThat(tmp.resolve("-")).doesNotExist();
  }

  /**
   * 96 MiB of int32 (96 x 512 x 512 in 1 MiB chunks, each chunk one of four distinct blocks of a 4
   * MiB file) read by a JVM whose heap is capped at 40 MiB: the old whole-array read could not hold
   * it.
   */
  @Test
  void get_arrayLargerThanTheHeap_streamsWithBoundedMemory() throws Exception {
    Path bin = tmp.resolve("blocks.bin");
    try (FileChannel ch =
        FileChannel.open(
            bin,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      for (int q = 0; q < 4; q++) {
        ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (int n = 0; n < 1 << 18; n++) {
          b.putInt(q * 1_000_000 + n);
        }
        ch.write(b.flip());
      }
    }
    StringBuilder refs =
        new StringBuilder(
            "{\"version\":1,\"refs\":{\".zgroup\":\"{\\\"zarr_format\\\":2}\","
                + "\"big/.zarray\":\"{\\\"zarr_format\\\":2,\\\"shape\\\":[96,512,512],\\\"chunks\\\":[4,256,256],"
                + "\\\"dtype\\\":\\\"<i4\\\",\\\"fill_value\\\":0,\\\"order\\\":\\\"C\\\",\\\"compressor\\\":null,"
                + "\\\"filters\\\":null}\"");
    for (int a = 0; a < 24; a++) {
      for (int b = 0; b < 2; b++) {
        for (int c = 0; c < 2; c++) {
          refs.append(",\"big/")
              .append(a)
              .append('.')
              .append(b)
              .append('.')
              .append(c)
              .append("\":[\"")
              .append(bin.toAbsolutePath())
              .append("\",")
              .append(((a + b + c) % 4) << 20)
              .append(",1048576]");
        }
      }
    }
    Path json = Files.writeString(tmp.resolve("big.json"), refs.append("}}").toString());
    Path npy = tmp.resolve("big.npy");
    CliTest.runInChildJvm(
        "40m", tmp.resolve("child.log"), 2, "get", json.toString(), "big", "-o", npy.toString());
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    ByteBuffer row = ByteBuffer.allocate(512 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 96; i++) {
      for (int j = 0; j < 512; j++) {
        row.clear();
        for (int k = 0; k < 512; k++) {
          int q = (i / 4 + j / 256 + k / 256) % 4;
          row.putInt(q * 1_000_000 + (i % 4) * 65536 + (j % 256) * 256 + k % 256);
        }
        expected.update(row.array());
      }
    }
    assertThat(Files.size(npy)).isEqualTo(128 + (96L << 20));
    MessageDigest actual = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(npy)) {
      in.skipNBytes(128);
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        actual.update(buf, 0, n);
      }
    }
    assertThat(actual.digest()).isEqualTo(expected.digest());
  }

  private static String golden(String set) {
    return CliTest.CORPUS.resolve("golden/" + set + ".json").toString();
  }

  private static String npyHeader(Path npy) throws IOException {
    byte[] file = Files.readAllBytes(npy);
    int len = ByteBuffer.wrap(file, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    return new String(file, 10, len, StandardCharsets.ISO_8859_1);
  }

  private static byte[] npyData(Path npy) throws IOException {
    byte[] file = Files.readAllBytes(npy);
    int len = ByteBuffer.wrap(file, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    assertThat((10 + len) % 64).isZero();
    return Arrays.copyOfRange(file, 10 + len, file.length);
  }

  private static String shapeText(long[] shape) {
    List<String> parts = Arrays.stream(shape).mapToObj(Long::toString).toList();
    return "(" + String.join(", ", parts) + (shape.length == 1 ? ",)" : ")");
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  /** Checksums from the corpus manifest. */
  static final class GoldenManifest {
    @SuppressWarnings("unchecked")
    static String sha(String set, String array) {
      try {
        var m =
            (java.util.Map<String, Object>)
                io.refzarr.internal.json.Json.parse(
                    Files.readAllBytes(CliTest.CORPUS.resolve("golden/manifest.json")));
        var sets = (java.util.Map<String, Object>) m.get("sets");
        var s = (java.util.Map<String, Object>) sets.get(set);
        var arrays = (java.util.Map<String, Object>) s.get("arrays");
        return (String) ((java.util.Map<String, Object>) arrays.get(array)).get("sha256");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
