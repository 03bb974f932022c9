package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ways jzarr, zarr-java and N5 touch a store (java-deps.md section 18), exercised against the
 * {@code reference} file system over kerchunk's golden nc4_cf set. Those libraries cannot be
 * resolved from Maven Central, so their access patterns are replayed here; chunk bytes are checked
 * against the source file's bytes at the range the golden set names.
 */
class ReaderAccessPatternsTest {
  private static final String KEY = "temp/0.0.0.0";
  private FileSystem fs;
  private Path root;
  private byte[] expected;

  @BeforeEach
  void open() throws IOException {
    Path golden = Corpus.file("golden/nc4_cf.json");
    fs =
        ReferenceFileSystems.newFileSystem(
            golden, ReferenceFileSystemConfig.builder().root(Corpus.dir()).build());
    root = fs.getPath("/");
    Reference.Range r = (Reference.Range) ReferenceSets.readJson(golden).get(KEY).orElseThrow();
    expected = new byte[(int) r.length()];
    try (FileChannel ch = FileChannel.open(Corpus.file(r.target()))) {
      ch.read(ByteBuffer.wrap(expected), r.offset());
    }
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  @Test
  void n5_fileChannelWithSharedLock_readsChunk() throws IOException {
    try (FileChannel ch = FileChannel.open(root.resolve(KEY), StandardOpenOption.READ)) {
      FileLock lock = ch.lock(0L, Long.MAX_VALUE, true);
      assertThat(lock.isShared()).isTrue();
      ByteBuffer b = ByteBuffer.allocate((int) ch.size());
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // N5 reads until full
      }
      lock.release();
      assertThat(b.array()).isEqualTo(expected);
    }
  }

  @Test
  void n5_attributeQueries_seeDirectoriesAndKeys() throws IOException {
    Path temp = root.resolve("temp");
    assertThat(Files.isDirectory(temp)).isTrue();
    assertThat(Files.isRegularFile(temp.resolve(".zarray"))).isTrue();
    assertThat(Files.exists(temp.resolve("9.9.9.9"))).isFalse();
    assertThat(Files.size(root.resolve(KEY))).isEqualTo(expected.length);
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s.map(p -> p.getFileName().toString().replace("/", "")))
          .contains("temp", "precip", ".zgroup");
    }
  }

  @Test
  void zarrJava_resolveKeysStaysUnderRoot_andSingleReadComesBackFull() throws IOException {
    Path storeRoot = root.resolve("temp");
    Path keyPath = storeRoot.resolve("0.0.0.0");
    assertThat(keyPath.toAbsolutePath().normalize().startsWith(storeRoot)).isTrue();
    assertThat(
            storeRoot
                .resolve("../precip/.zarray")
                .toAbsolutePath()
                .normalize()
                .startsWith(storeRoot))
        .isFalse();
    assertThat(Files.isRegularFile(keyPath)).isTrue();
    int start = 100;
    try (SeekableByteChannel ch = Files.newByteChannel(keyPath)) {
      ch.position(start);
      ByteBuffer b = ByteBuffer.allocate(expected.length - start);
      int n = ch.read(b);
      assertThat(n).isEqualTo(expected.length - start);
      assertThat(b.array())
          .isEqualTo(java.util.Arrays.copyOfRange(expected, start, expected.length));
    }
  }

  @Test
  void jzarr_readableWalkAndReadAllBytes_findArraysAndChunks() throws IOException {
    assertThat(Files.isReadable(root.resolve("temp/.zarray"))).isTrue();
    List<String> zarrays;
    try (Stream<Path> walk = Files.walk(root)) {
      zarrays =
          walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(".zarray"))
              .map(p -> root.relativize(p.getParent()).toString().replace("/", ""))
              .sorted()
              .toList();
    }
    assertThat(zarrays)
        .containsExactly(
            "land_mask",
            "lat",
            "level",
            "lon",
            "precip",
            "scalar_var",
            "station_name",
            "temp",
            "time");
    assertThat(Files.readAllBytes(root.resolve(KEY))).isEqualTo(expected);
    assertThat(root.resolve(KEY).getParent().getFileName().toString()).startsWith("temp");
  }

  @Test
  void allReaders_missingChunk_isNoSuchFile() {
    Path missing = root.resolve("temp/10.0.0.0");
    assertThatThrownBy(() -> Files.readAllBytes(missing)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> Files.newByteChannel(missing)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> FileChannel.open(missing, StandardOpenOption.READ))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void zarrBridge_groupListing_matchesWalk() throws IOException {
    ZarrGroup g = ZarrGroup.open(root);

    assertThat(g.arrayNames())
        .containsExactly(
            "land_mask",
            "lat",
            "level",
            "lon",
            "precip",
            "scalar_var",
            "station_name",
            "temp",
            "time");
    assertThat(g.attributes()).containsKey("Conventions");
  }
}
