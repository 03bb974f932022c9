package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.refzarr.testing.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archive headers that claim impossible sizes end in an {@link IOException} naming the archive,
 * before any member is read: never a loop (issue 16, finding 2) nor an allocation of the claimed
 * size (finding 4).
 */
class HostileArchivesTest {
  private static final int SIZE_FIELD = 124;
  @TempDir Path dir;

  @Test
  void index_tarWithNegativeBase256Size_failsInsteadOfLooping() throws IOException {
    byte[] tar = new TarBuilder().add("a.bin", new byte[100]).add("b.bin", new byte[10]).build();
    Arrays.fill(
        tar,
        SIZE_FIELD,
        SIZE_FIELD + 12,
        (byte) 0xff); // base-256 -1024: the next header is this one
    tar[SIZE_FIELD + 10] = (byte) 0xfc;
    tar[SIZE_FIELD + 11] = 0;
    resum(tar, 0);
    URI member = member("tar", "b.bin", write("neg.tar", tar));

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> size(member))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("neg.tar")
                .hasMessageContaining("size"));
  }

  @Test
  void index_tarWithNegativePaxSize_fails() throws IOException {
    byte[] tar = new TarBuilder().addPax("p".repeat(120) + "/x.bin", new byte[600]).build();
    String text = new String(tar, 512, 512, StandardCharsets.ISO_8859_1);
    int end = text.indexOf('\n');
    String len = text.substring(0, text.indexOf(' '));
    // the builder's one record "LEN path=...\n" becomes "LEN size=-000...513\n" of the same length
    String head = len + " size=-";
    String record = head + "0".repeat(end - head.length() - 3) + "513";
    System.arraycopy(record.getBytes(StandardCharsets.ISO_8859_1), 0, tar, 512, end);
    URI member = member("tar", "truncated-name", write("pax.tar", tar));

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> size(member))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("pax.tar")
                .hasMessageContaining("-513"));
  }

  @Test
  void index_tarMemberLargerThanArchive_failsBeforeReading() throws IOException {
    byte[] tar = new TarBuilder().add("big.bin", new byte[100]).build();
    byte[] octal = "77777777777\0".getBytes(StandardCharsets.US_ASCII); // 8 GiB
    System.arraycopy(octal, 0, tar, SIZE_FIELD, 12);
    resum(tar, 0);
    URI member = member("tar", "big.bin", write("big.tar", tar));

    assertThatThrownBy(() -> size(member))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("big.tar")
        .hasMessageContaining("8589934591");
  }

  @Test
  void member_zipSizeLargerThanArchive_failsBeforeReading() throws IOException {
    byte[] zip = storedZip("z.bin", new byte[100]);
    int cd = lastIndexOf(zip, new byte[] {0x50, 0x4b, 1, 2});
    Arrays.fill(zip, cd + 20, cd + 28, (byte) 0x7f); // compressed and uncompressed size: ~2 GiB
    URI member = member("zip", "z.bin", write("big.zip", zip));

    assertThatThrownBy(() -> size(member))
        .isInstanceOf(ZipException.class)
        .hasMessageContaining("big.zip")
        .hasMessageContaining("z.bin");
  }

  @Test
  void member_zipNameWithDotsAndSlashes_isFoundUnderItsListedName() throws IOException {
    // fuzz finding: ".///x" was listed as "/x" and then looked up as "x"
    byte[] data = "payload".getBytes(StandardCharsets.US_ASCII);
    ZipIndex index =
        new ZipIndex(
            new ContainerBytes(
                new io.refzarr.testing.MemorySource(storedZip(".///..2.nc", data)),
                io.refzarr.testing.MemorySource.URL));
    org.assertj.core.api.Assertions.assertThat(index.names()).containsExactly("..2.nc");
    ArchiveMember m = index.member(".///..2.nc");
    org.assertj.core.api.Assertions.assertThat(m.size()).isEqualTo(data.length);
    org.assertj.core.api.Assertions.assertThat(index.member("..2.nc")).isEqualTo(m);
  }

  private static long size(URI member) throws IOException {
    try (ByteRangeReaders readers = ByteRangeReaders.create(Map.of())) {
      return readers.forTarget(member).size(member);
    }
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static URI member(String scheme, String name, Path archive) {
    return new ChainedUrl(scheme, name, archive.toUri()).toUri();
  }

  private static void resum(byte[] tar, int header) {
    Arrays.fill(tar, header + 148, header + 156, (byte) ' ');
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += tar[header + i] & 0xff;
    }
    byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, tar, header + 148, 8);
  }

  private static byte[] storedZip(String name, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      ZipEntry e = new ZipEntry(name);
      e.setMethod(ZipEntry.STORED);
      e.setSize(data.length);
      CRC32 crc = new CRC32();
      crc.update(data);
      e.setCrc(crc.getValue());
      z.putNextEntry(e);
      z.write(data);
      z.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static int lastIndexOf(byte[] hay, byte[] needle) {
    for (int i = hay.length - needle.length; i >= 0; i--) {
      if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
