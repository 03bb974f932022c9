package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
import io.refzarr.testing.Retarget;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus golden reference sets read through the {@code reference} file system from local files,
 * from an HTTP server, and from inside the tar and zip archives (chained URLs, locally and over
 * HTTP): every key gives the bytes of the original files.
 */
class ReadThroughFileSystemTest {
  private static RangeHttpServer server;
  private final Map<String, byte[]> files = new HashMap<>();

  @BeforeAll
  static void start() throws IOException {
    server = RangeHttpServer.serve(Corpus.dir());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<String> goldenSets() throws IOException {
    try (Stream<Path> s = Files.walk(Corpus.file("golden"))) {
      return s
          .filter(
              p ->
                  p.toString().endsWith(".json")
                      && !p.getFileName().toString().equals("manifest.json"))
          .map(p -> Corpus.dir().relativize(p).toString())
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("goldenSets")
  void readAllBytes_goldenSetLocallyAndOverHttp_equalsTheOriginalFiles(String golden)
      throws IOException {
    ReferenceSet local = ReferenceSets.readJson(Corpus.file(golden));
    checkEveryKey(local, local);
    checkEveryKey(local, Retarget.of(local, overHttp()));
  }

  /** Relative targets (and the containers of chained ones) moved to the HTTP server. */
  private static UnaryOperator<String> overHttp() {
    return t -> t.contains("::") ? t.replace("::", "::" + server.base()) : server.base() + t;
  }

  private void checkEveryKey(ReferenceSet original, ReferenceSet set) throws IOException {
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder().root(Corpus.dir()).build();
    List<String> keys = original.keys().collect(Collectors.toList());
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(set, config)) {
      Map<String, byte[]> batch = ReferenceFileSystems.readKeys(fs, keys);
      assertThat(batch.keySet()).containsExactlyElementsOf(keys);
      for (String key : keys) {
        byte[] want = expected(original.get(key).orElseThrow());
        assertThat(Files.readAllBytes(fs.getPath("/" + key))).as(key).isEqualTo(want);
        assertThat(batch.get(key)).as(key).isEqualTo(want);
      }
    }
  }

  /**
   * A reference's bytes read straight from the corpus files (a chained member is its series
   * original).
   */
  private byte[] expected(Reference ref) throws IOException {
    if (ref instanceof Reference.Inline) {
      return ((Reference.Inline) ref).data();
    }
    Reference.Range r = (Reference.Range) ref;
    String file = r.target();
    if (file.contains("::")) {
      String member = ChainedUrl.split(file)[1];
      file = member.startsWith("day_") ? "series/" + member : member;
    }
    byte[] all =
        files.computeIfAbsent(
            file,
            f -> {
              try {
                return Corpus.bytes(f);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    return Arrays.copyOfRange(all, (int) r.offset(), (int) r.end());
  }

  @Test
  void readKeys_directoryRelativeNames_returnsThoseKeysAndOmitsMissingOnes() throws IOException {
    ReferenceSet set = ReferenceSets.readJson(Corpus.file("golden/hdf5_chunkgrid.json"));
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder().root(Corpus.dir()).build();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(set, config)) {
      Map<String, byte[]> got =
          ReferenceFileSystems.readKeys(fs.getPath("/grid"), List.of("0.0", "99.99", "0.1"));
      assertThat(got.keySet()).containsExactly("0.0", "0.1");
      assertThat(got.get("0.1")).isEqualTo(Files.readAllBytes(fs.getPath("/grid/0.1")));
    }
  }

  @Test
  void readKeys_unreachableTarget_namesKeyTargetAndRange() throws IOException {
    ReferenceSet set =
        ReferenceSets.builder()
            .putTargetRef("a/0", server.base() + "missing.h5", 4096, 100)
            .build();
    try (FileSystem fs =
        ReferenceFileSystems.newFileSystem(set, ReferenceFileSystemConfig.DEFAULT)) {
      assertThatThrownBy(() -> ReferenceFileSystems.readKeys(fs, List.of("a/0")))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("a/0")
          .hasMessageContaining("missing.h5")
          .hasMessageContaining("[4096, +100)");
      assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/a/0")))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("[4096, +100)");
    }
  }

  @Test
  void size_wholeHttpTarget_isAskedOncePerFileSystem() throws IOException {
    io.refzarr.refs.ReferenceSetBuilder b = ReferenceSets.builder();
    b.put("whole.nc", Reference.whole(server.base() + "nc4_cf.nc"));
    try (FileSystem fs =
        ReferenceFileSystems.newFileSystem(b.build(), ReferenceFileSystemConfig.DEFAULT)) {
      int before = server.heads();
      assertThat(Files.size(fs.getPath("/whole.nc")))
          .isEqualTo(Files.size(Corpus.file("nc4_cf.nc")));
      assertThat(Files.readAllBytes(fs.getPath("/whole.nc"))).isEqualTo(Corpus.bytes("nc4_cf.nc"));
      assertThat(Files.size(fs.getPath("/whole.nc"))).isPositive();
      assertThat(server.heads() - before).isEqualTo(1);
    }
  }

  @Test
  void readAllBytes_httpObjectChangedBetweenReads_failsNamingTheChange() throws IOException {
    byte[] v1 = new byte[4000];
    Arrays.fill(v1, (byte) 1);
    server.put("versioned.bin", v1);
    ReferenceSet set =
        ReferenceSets.builder()
            .putTargetRef("x/0", server.base() + "versioned.bin", 0, 1000)
            .putTargetRef("x/1", server.base() + "versioned.bin", 3000, 1000)
            .build();
    try (FileSystem fs =
        ReferenceFileSystems.newFileSystem(set, ReferenceFileSystemConfig.DEFAULT)) {
      assertThat(Files.readAllBytes(fs.getPath("/x/0"))).containsOnly(1);
      byte[] v2 = new byte[4000];
      server.put("versioned.bin", v2);
      assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/x/1")))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("changed")
          .hasCauseInstanceOf(TargetChangedException.class);
    }
  }

  @Test
  void readAllBytes_localFileRewritten_failsNamingTheChange(
      @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path f = dir.resolve("data.bin");
    Files.write(f, new byte[2000]);
    ReferenceSet set =
        ReferenceSets.builder()
            .putTargetRef("v/0", f.toString(), 0, 100)
            .putTargetRef("v/1", f.toString(), 100, 100)
            .build();
    try (FileSystem fs =
        ReferenceFileSystems.newFileSystem(set, ReferenceFileSystemConfig.DEFAULT)) {
      assertThat(Files.readAllBytes(fs.getPath("/v/0"))).hasSize(100);
      Files.write(f, new byte[3000]);
      assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/v/1")))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasCauseInstanceOf(TargetChangedException.class);
    }
  }

  @Test
  void newFileSystem_envWithReadSettings_isAccepted() {
    Map<String, Object> env = new HashMap<>();
    env.put("maxGap", "1000");
    env.put("maxBlock", 1 << 20);
    env.put("maxConcurrentRequests", 4);
    env.put("blockCacheBytes", 0);
    ReferenceFileSystemConfig c = ReferenceFileSystemConfig.fromEnv(env);
    assertThat(c.readSettings()).isEqualTo(new ReadSettings(1000, 1 << 20, 4, 0));
    assertThatThrownBy(() -> ReferenceFileSystemConfig.fromEnv(Map.of("maxGaps", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxGaps");
    assertThatThrownBy(
            () -> ReferenceFileSystemConfig.fromEnv(Map.of("sourceProviders", List.of("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ByteRangeReaderProvider");
  }

  static List<String> sortedChunkKeys(ReferenceSet set, String array) throws IOException {
    List<String> keys = new ArrayList<>();
    for (String k :
        set.keys()
            .filter(k -> k.startsWith(array + "/") && !k.contains("/."))
            .collect(Collectors.toList())) {
      keys.add(k);
    }
    return keys;
  }
}
