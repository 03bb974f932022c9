package io.refzarr.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputsTest {
  @TempDir Path tmp;

  @Test
  void write_newFile_getsThePermissionsOfAPlainWrite() throws IOException {
    Path plain = Files.writeString(tmp.resolve("plain.txt"), "x");
    Path out = tmp.resolve("out.json");
    AtomicOutputs.write(out, o -> o.write("{}".getBytes(StandardCharsets.US_ASCII)));
    assertThat(Files.readString(out)).isEqualTo("{}");
    assertThat(mode(out)).isEqualTo(mode(plain));
    if (umaskIs022(plain)) {
      assertThat(PosixFilePermissions.toString(mode(out))).isEqualTo("rw-r--r--");
    }
  }

  @Test
  void newStagingDirectory_getsThePermissionsOfAPlainMkdir() throws IOException {
    Path plain = Files.createDirectory(tmp.resolve("plain"));
    Path staging = AtomicOutputs.newStagingDirectory(tmp.resolve("sub/out.parq"));
    assertThat(staging.getParent()).isEqualTo(tmp.resolve("sub"));
    assertThat(staging.getFileName().toString()).startsWith(".out.parq.tmp-");
    assertThat(mode(staging)).isEqualTo(mode(plain));
  }

  @Test
  void write_failingBody_leavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path out = Files.writeString(tmp.resolve("out.json"), "old");
    assertThatThrownBy(
            () ->
                AtomicOutputs.write(
                    out,
                    o -> {
                      o.write("partial".getBytes(StandardCharsets.US_ASCII));
                      throw new IOException("producer failed");
                    }))
        .hasMessage("producer failed");
    assertThat(Files.readString(out)).isEqualTo("old");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void write_overDirectory_isRefusedAndTheDirectoryKept() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("dir"));
    assertThatThrownBy(() -> AtomicOutputs.write(dir, o -> o.write(1)))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("not a regular file");
    assertThat(dir).isDirectory();
  }

  @Test
  void write_throughSymbolicLink_replacesTheTargetAndKeepsTheLink() throws IOException {
    Path real = Files.writeString(tmp.resolve("real.json"), "old");
    Path link = Files.createSymbolicLink(tmp.resolve("link.json"), real.getFileName());
    AtomicOutputs.write(link, o -> o.write("new".getBytes(StandardCharsets.US_ASCII)));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("new");
  }

  @Test
  void writeChannel_positionalWritesOutOfOrder_replaceTheFileWithThePlainMode() throws IOException {
    Path plain = Files.writeString(tmp.resolve("plain.txt"), "x");
    Path out = Files.writeString(tmp.resolve("out.bin"), "old contents");
    boolean[] seekable = new boolean[1];
    AtomicOutputs.writeChannel(
        out,
        (ch, canSeek) -> {
          seekable[0] = canSeek;
          ch.write(java.nio.ByteBuffer.wrap("world".getBytes(StandardCharsets.US_ASCII)), 6);
          ch.write(java.nio.ByteBuffer.wrap("hello ".getBytes(StandardCharsets.US_ASCII)), 0);
        });
    assertThat(seekable[0]).isTrue();
    assertThat(Files.readString(out)).isEqualTo("hello world");
    assertThat(mode(out)).isEqualTo(mode(plain));
  }

  @Test
  void writeChannel_failingBody_leavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path out = Files.writeString(tmp.resolve("out.bin"), "old");
    assertThatThrownBy(
            () ->
                AtomicOutputs.writeChannel(
                    out,
                    (ch, canSeek) -> {
                      ch.write(java.nio.ByteBuffer.wrap(new byte[100]), 1000);
                      throw new IOException("producer failed");
                    }))
        .hasMessage("producer failed");
    assertThat(Files.readString(out)).isEqualTo("old");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void writeChannel_toNamedPipe_writesInOrderWithoutReplacingIt() throws Exception {
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
    AtomicOutputs.writeChannel(
        fifo,
        (ch, canSeek) -> {
          assertThat(canSeek).isFalse();
          ch.write(java.nio.ByteBuffer.wrap("in order".getBytes(StandardCharsets.US_ASCII)));
        });
    assertThat(new String(read.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII))
        .isEqualTo("in order");
    assertThat(Files.isRegularFile(fifo)).isFalse();
  }

  @Test
  void write_toNamedPipe_writesIntoThePipeWithoutReplacingIt() throws Exception {
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
    AtomicOutputs.write(fifo, o -> o.write("through the pipe".getBytes(StandardCharsets.US_ASCII)));
    assertThat(new String(read.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII))
        .isEqualTo("through the pipe");
    assertThat(Files.isRegularFile(fifo)).isFalse();
    assertThat(Files.isDirectory(fifo)).isFalse();
  }

  @Test
  void write_toCharacterDevice_writesDirectly() throws IOException {
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull) && Files.isWritable(devNull));
    AtomicOutputs.write(devNull, o -> o.write(new byte[1000]));
    assertThat(Files.isRegularFile(devNull)).isFalse();
  }

  @Test
  void publishDirectory_replacesOnlyWhatTheCallerAccepts() throws IOException {
    Path out = Files.createDirectory(tmp.resolve("out"));
    Files.writeString(out.resolve("keep"), "old");
    Path staging = AtomicOutputs.newStagingDirectory(out);
    Files.writeString(staging.resolve("new"), "new");
    assertThatThrownBy(
            () -> AtomicOutputs.publishDirectory(staging, out, "a test output", p -> false))
        .hasMessageContaining("exists and is not a test output")
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(out.resolve("keep")).exists();
    AtomicOutputs.publishDirectory(staging, out, "a test output", p -> true);
    assertThat(out.resolve("new")).hasContent("new");
    assertThat(out.resolve("keep")).doesNotExist();
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactly(out);
    }
  }

  static Set<PosixFilePermission> mode(Path p) throws IOException {
    return Files.getPosixFilePermissions(p);
  }

  private static boolean umaskIs022(Path plainFile) throws IOException {
    return PosixFilePermissions.toString(mode(plainFile)).equals("rw-r--r--");
  }
}
