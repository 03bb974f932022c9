package io.refzarr.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.source.ReferenceNotReachableException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NIO surface of the {@code reference} file system, over a small set with real local targets.
 */
class FileSystemBehaviourTest {
  @TempDir Path dir;
  private byte[] data;
  private Path refs;
  private FileSystem fs;

  @BeforeEach
  void setUp() throws IOException {
    data = new byte[10_000];
    new Random(42).nextBytes(data);
    Files.write(dir.resolve("data.bin"), data);
    ReferenceSetBuilder b = ReferenceSets.builder();
    b.putInline(".zgroup", "{\"zarr_format\":2}".getBytes(StandardCharsets.UTF_8));
    b.putInline(
        "temp/.zarray",
        ("{\"shape\":[100],\"chunks\":[10],\"dtype\":\"|u1\",\"compressor\":null,"
                + "\"fill_value\":0,\"filters\":null,\"order\":\"C\",\"zarr_format\":2}")
            .getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 10; i += 2) {
      b.put("temp/" + i, Reference.range("data.bin", i * 10L, 10));
    }
    b.put("grp/sub/whole", Reference.whole("data.bin"));
    b.put("grp/abs", Reference.range(dir.resolve("data.bin").toString(), 5, 3));
    b.put("grp/uri", Reference.range(dir.resolve("data.bin").toUri().toString(), 7, 2));
    b.put("bad/short", Reference.range("data.bin", 9_990, 20));
    b.put("bad/missing", Reference.range("nope.bin", 0, 20));
    b.put("bad/default", Reference.range(Reference.DEFAULT_TARGET, 0, 4));
    refs = dir.resolve("refs.json");
    ReferenceSets.writeJson(b.build(), refs);
    fs = FileSystems.newFileSystem(refs, Map.of("root", dir));
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private byte[] slice(int from, int len) {
    byte[] out = new byte[len];
    System.arraycopy(data, from, out, 0, len);
    return out;
  }

  @Test
  void pathWithANul_isAnInvalidPathException_asNioPromises() {
    // it was a plain IllegalArgumentException, which refzarr serve did not expect: the
    // connection closed with no answer
    assertThatThrownBy(() -> fs.getPath("/temp/\0"))
        .isInstanceOf(java.nio.file.InvalidPathException.class)
        .hasMessageContaining("NUL");
    assertThatThrownBy(() -> fs.getPath("/temp").resolve("a\0b"))
        .isInstanceOf(java.nio.file.InvalidPathException.class);
  }

  @Test
  void readAllBytes_rangeRelativeAbsoluteAndFileUrlTargets_returnTheRange() throws IOException {
    assertThat(Files.readAllBytes(fs.getPath("/temp/4"))).isEqualTo(slice(40, 10));
    assertThat(Files.readAllBytes(fs.getPath("grp/abs"))).isEqualTo(slice(5, 3));
    assertThat(Files.readAllBytes(fs.getPath("/grp/uri"))).isEqualTo(slice(7, 2));
    assertThat(Files.readAllBytes(fs.getPath("/grp/sub/whole"))).isEqualTo(data);
    assertThat(Files.readString(fs.getPath("/.zgroup"))).isEqualTo("{\"zarr_format\":2}");
  }

  @Test
  void list_directoriesDerivedFromKeys() throws IOException {
    try (Stream<Path> s = Files.list(fs.getPath("/"))) {
      assertThat(s.map(Path::toString))
          .containsExactlyInAnyOrder("/.zgroup", "/temp", "/grp", "/bad");
    }
    try (Stream<Path> s = Files.list(fs.getPath("/temp"))) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(".zarray", "0", "2", "4", "6", "8");
    }
    try (Stream<Path> s = Files.walk(fs.getPath("/grp"))) {
      assertThat(s.map(Path::toString))
          .containsExactlyInAnyOrder("/grp", "/grp/sub", "/grp/sub/whole", "/grp/abs", "/grp/uri");
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(fs.getPath("/temp"), "[0-4]")) {
      assertThat(ds)
          .extracting(p -> p.getFileName().toString())
          .containsExactlyInAnyOrder("0", "2", "4");
    }
    assertThatThrownBy(() -> Files.list(fs.getPath("/temp/0")))
        .isInstanceOf(NotDirectoryException.class);
    assertThatThrownBy(() -> Files.list(fs.getPath("/nope")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void readAttributes_sizesFromReferencesAndDirectories() throws IOException {
    BasicFileAttributes a = Files.readAttributes(fs.getPath("/temp/2"), BasicFileAttributes.class);
    assertThat(a.isRegularFile()).isTrue();
    assertThat(a.size()).isEqualTo(10);
    assertThat(Files.size(fs.getPath("/grp/sub/whole"))).isEqualTo(data.length);
    assertThat(Files.isDirectory(fs.getPath("/grp/sub"))).isTrue();
    assertThat(Files.exists(fs.getPath("/temp/1"))).isFalse();
    ReferenceFileAttributes r =
        Files.readAttributes(fs.getPath("/temp/2"), ReferenceFileAttributes.class);
    assertThat(r.reference()).contains(Reference.range("data.bin", 20, 10));
    Map<String, Object> m = Files.readAttributes(fs.getPath("/temp/2"), "basic:size,isDirectory");
    assertThat(m).containsEntry("size", 10L).containsEntry("isDirectory", false);
    assertThat(Files.isHidden(fs.getPath("/temp/.zarray"))).isTrue();
  }

  @Test
  void missingKey_throwsNoSuchFile() {
    assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/temp/1")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("/temp/1");
    assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/grp")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is a directory");
  }

  @Test
  void unreachableTargets_throwReferenceNotReachableNamingKeyAndTarget() {
    assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/bad/short")))
        .isInstanceOf(ReferenceNotReachableException.class)
        .hasMessageContaining("bad/short")
        .hasMessageContaining("data.bin")
        .hasMessageContaining("shorter than the reference");
    assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/bad/missing")))
        .isInstanceOf(ReferenceNotReachableException.class)
        .isNotInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope.bin");
    assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/bad/default")))
        .isInstanceOf(ReferenceNotReachableException.class)
        .hasMessageContaining("no default target");
  }

  @Test
  void defaultTarget_fromEnv_servesNullUrls() throws IOException {
    try (FileSystem other =
        FileSystems.newFileSystem(
            refs, Map.of("root", dir, "defaultTarget", dir.resolve("data.bin").toString()))) {
      assertThat(Files.readAllBytes(other.getPath("/bad/default"))).isEqualTo(slice(0, 4));
    }
  }

  @Test
  void templateOverrides_fromEnv_relocateTargets() throws IOException {
    Path moved = Files.createDirectories(dir.resolve("moved"));
    Files.write(moved.resolve("data.bin"), slice(100, 50));
    Path templated = dir.resolve("templated.json");
    Files.writeString(
        templated,
        "{\"version\":1,\"templates\":{\"d\":\""
            + dir
            + "\"},"
            + "\"refs\":{\"k\":[\"{{d}}/data.bin\", 10, 5]}}");
    try (FileSystem original = FileSystems.newFileSystem(templated, Map.of());
        FileSystem relocated =
            FileSystems.newFileSystem(
                templated, Map.of("templateOverrides", Map.of("d", moved.toString())))) {
      assertThat(Files.readAllBytes(original.getPath("/k"))).isEqualTo(slice(10, 5));
      assertThat(Files.readAllBytes(relocated.getPath("/k"))).isEqualTo(slice(110, 5));
    }
  }

  @Test
  void channels_positionalReadsFillTheBuffer_mapUnsupported_sharedLocksNoOps() throws IOException {
    try (FileChannel ch = FileChannel.open(fs.getPath("/grp/sub/whole"), StandardOpenOption.READ)) {
      assertThat(ch.size()).isEqualTo(data.length);
      ByteBuffer buf = ByteBuffer.allocate(5000);
      assertThat(ch.read(buf, 3000)).isEqualTo(5000);
      assertThat(buf.array()).isEqualTo(slice(3000, 5000));
      ByteBuffer tail = ByteBuffer.allocate(100);
      assertThat(ch.read(tail, 9_950)).isEqualTo(50);
      assertThat(ch.read(ByteBuffer.allocate(1), 10_000)).isEqualTo(-1);
      FileLock lock = ch.lock(0, 100, true);
      assertThat(lock.isValid()).isTrue();
      assertThat(lock.isShared()).isTrue();
      lock.release();
      assertThat(ch.tryLock(0, 10, true)).isNotNull();
      assertThatThrownBy(() -> ch.lock()).isInstanceOf(NonWritableChannelException.class);
      assertThatThrownBy(() -> ch.map(FileChannel.MapMode.READ_ONLY, 0, 10))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> ch.write(ByteBuffer.allocate(1)))
          .isInstanceOf(NonWritableChannelException.class);
    }
    try (SeekableByteChannel ch = Files.newByteChannel(fs.getPath("/temp/6"))) {
      ByteBuffer buf = ByteBuffer.allocate(64);
      assertThat(ch.read(buf)).isEqualTo(10);
      assertThat(ch.read(buf)).isEqualTo(-1);
      assertThat(ch.position()).isEqualTo(10);
    }
  }

  @Test
  void mutations_throwReadOnly() {
    Path p = fs.getPath("/temp/0");
    assertThatThrownBy(() -> Files.delete(p)).isInstanceOf(ReadOnlyFileSystemException.class);
    assertThatThrownBy(() -> Files.createDirectory(fs.getPath("/new")))
        .isInstanceOf(ReadOnlyFileSystemException.class);
    assertThatThrownBy(() -> Files.write(p, new byte[1]))
        .isInstanceOf(ReadOnlyFileSystemException.class);
    assertThatThrownBy(() -> Files.newByteChannel(p, StandardOpenOption.APPEND))
        .isInstanceOf(ReadOnlyFileSystemException.class);
    assertThatThrownBy(() -> Files.copy(fs.getPath("/temp/0"), fs.getPath("/temp/1")))
        .isInstanceOf(ReadOnlyFileSystemException.class);
    assertThatThrownBy(() -> Files.move(p, fs.getPath("/x")))
        .isInstanceOf(ReadOnlyFileSystemException.class);
    assertThatThrownBy(
            () -> Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(1)))
        .isInstanceOf(ReadOnlyFileSystemException.class);
    assertThat(fs.isReadOnly()).isTrue();
  }

  @Test
  void checkAccess_readOkWriteDenied() throws IOException {
    Path p = fs.getPath("/temp/0");
    fs.provider().checkAccess(p, AccessMode.READ);
    assertThat(Files.isReadable(p)).isTrue();
    assertThat(Files.isWritable(p)).isFalse();
    assertThatThrownBy(() -> fs.provider().checkAccess(p, AccessMode.WRITE))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> fs.provider().checkAccess(fs.getPath("/nope")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void copyOut_toTheDefaultFileSystem_copiesBytes() throws IOException {
    Path out = dir.resolve("copied");
    Files.copy(fs.getPath("/temp/8"), out);
    assertThat(Files.readAllBytes(out)).isEqualTo(slice(80, 10));
  }

  @Test
  void uri_roundTripsThroughPathsGet() throws IOException {
    Path p = fs.getPath("/temp/4");
    URI uri = p.toUri();
    assertThat(uri.getScheme()).isEqualTo("reference");
    assertThat(uri.toString()).startsWith("reference:" + refs.toUri() + "!/temp/4");
    Path back = Paths.get(uri);
    assertThat(back).isEqualTo(p);
    assertThat(Files.readAllBytes(back)).isEqualTo(slice(40, 10));
  }

  @Test
  void newFileSystemByUri_opensOnceAndReadsKeys() throws IOException {
    fs.close(); // frees the registration made by the Path-based open
    URI uri = URI.create("reference:" + refs.toUri());
    try (FileSystem byUri = FileSystems.newFileSystem(uri, Map.of("root", dir.toString()))) {
      assertThat(Files.readAllBytes(Paths.get(URI.create(uri + "!/temp/2"))))
          .isEqualTo(slice(20, 10));
      assertThatThrownBy(() -> FileSystems.newFileSystem(uri, Map.of()))
          .isInstanceOf(FileSystemAlreadyExistsException.class);
      assertThat(FileSystems.getFileSystem(uri)).isSameAs(byUri);
    }
    fs = FileSystems.newFileSystem(refs, Map.of("root", dir));
  }

  @Test
  void newFileSystem_notAReferenceSet_isUnsupportedSoProvidersCanProbe() throws IOException {
    Path notJson = dir.resolve("data.bin");
    assertThatThrownBy(
            () ->
                new ReferenceFileSystemProviderAccess().provider().newFileSystem(notJson, Map.of()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void env_unknownPropertyOrWrongType_rejected() {
    assertThatThrownBy(() -> FileSystems.newFileSystem(refs, Map.of("rooot", dir)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rooot");
    assertThatThrownBy(() -> FileSystems.newFileSystem(refs, Map.of("remoteOptions", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remoteOptions");
  }

  @Test
  void env_view_parsedValidatedAndTyped() {
    assertThat(ReferenceFileSystemConfig.fromEnv(Map.of()).view()).isEqualTo(ReferenceView.RAW);
    assertThat(ReferenceFileSystemConfig.fromEnv(Map.of("view", "Decoded")).view())
        .isEqualTo(ReferenceView.DECODED);
    assertThat(
            ReferenceFileSystemConfig.fromEnv(Map.of("view", ReferenceView.ZARR3)).toBuilder()
                .build()
                .view())
        .isEqualTo(ReferenceView.ZARR3);
    assertThatThrownBy(() -> FileSystems.newFileSystem(refs, Map.of("view", "decompressed")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decompressed")
        .hasMessageContaining("raw, decoded, zarr3");
    assertThatThrownBy(() -> FileSystems.newFileSystem(refs, Map.of("view", 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("view");
  }

  @Test
  void view_withoutZarrBridge_namesTheMissingModule() throws IOException {
    // refs-nio's tests run without zarr-bridge, so no ViewProvider is installed
    assertThatThrownBy(() -> FileSystems.newFileSystem(refs, Map.of("view", "decoded")))
        .isInstanceOf(java.nio.file.ProviderNotFoundException.class)
        .hasMessageContaining("io.refzarr:zarr-bridge");
    try (FileSystem raw = FileSystems.newFileSystem(refs, Map.of("view", "raw", "root", dir))) {
      assertThat(Files.readAllBytes(raw.getPath("/temp/0")))
          .isEqualTo(java.util.Arrays.copyOfRange(data, 0, 10));
    }
  }

  @Test
  void close_closesOpenChannelsAndRefusesFurtherUse() throws IOException {
    SeekableByteChannel ch = Files.newByteChannel(fs.getPath("/temp/0"));
    fs.close();
    assertThat(ch.isOpen()).isFalse();
    assertThat(fs.isOpen()).isFalse();
    assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/temp/0")))
        .isInstanceOf(ClosedFileSystemException.class);
  }

  @Test
  void zarrJavaStorePattern_resolvesStaysUnderRootAndReadsInOneRead() throws IOException {
    Path root = fs.getPath("/temp");
    Path key = root.resolve("4");
    assertThat(key.toAbsolutePath().normalize().startsWith(root)).isTrue();
    assertThat(root.resolve("../grp").toAbsolutePath().normalize().startsWith(root)).isFalse();
    assertThat(Files.isRegularFile(key)).isTrue();
    try (SeekableByteChannel ch = Files.newByteChannel(key)) {
      ch.position(3);
      ByteBuffer buf = ByteBuffer.allocate(7);
      ch.read(buf); // one read, as zarr-java does: it must come back full
      assertThat(buf.array()).isEqualTo(slice(43, 7));
    }
  }

  @Test
  void pathMatchers_globAndRegex() {
    assertThat(fs.getPathMatcher("glob:/temp/*").matches(fs.getPath("/temp/2"))).isTrue();
    assertThat(fs.getPathMatcher("glob:/temp/*").matches(fs.getPath("/temp/a/b"))).isFalse();
    assertThat(fs.getPathMatcher("glob:**/.z{array,attrs}").matches(fs.getPath("/temp/.zarray")))
        .isTrue();
    assertThat(fs.getPathMatcher("regex:/temp/[0-9]+").matches(fs.getPath("/temp/12"))).isTrue();
  }

  @Test
  void manyThreads_readingAtOnce_getCorrectBytes() throws Exception {
    List<Path> keys;
    try (Stream<Path> s = Files.list(fs.getPath("/temp"))) {
      keys =
          s.filter(p -> !p.getFileName().toString().startsWith(".")).collect(Collectors.toList());
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 64; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 50; round++) {
                    for (Path k : keys) {
                      int i = Integer.parseInt(k.getFileName().toString());
                      if (!java.util.Arrays.equals(Files.readAllBytes(k), slice(i * 10, 10))) {
                        return false;
                      }
                    }
                  }
                  return true;
                }));
      }
      for (java.util.concurrent.Future<Boolean> f : results) {
        assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reaches the provider instance without a file system. */
  private static final class ReferenceFileSystemProviderAccess {
    ReferenceFileSystemProvider provider() {
      return ReferenceFileSystemProvider.instance();
    }
  }
}
