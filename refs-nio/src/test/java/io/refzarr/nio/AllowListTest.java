package io.refzarr.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.source.ReferenceNotReachableException;
import io.refzarr.source.TargetNotAllowedException;
import io.refzarr.testing.RangeHttpServer;
import io.refzarr.testing.TarBuilder;
import io.refzarr.testing.TrackingByteRangeReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allow-list of targets for reference sets from strangers: allowed targets read their bytes, a
 * target outside the list fails with {@link TargetNotAllowedException} naming key and target, and
 * counting sources (a tracking local source, a loopback HTTP server's request count) prove that no
 * request was made for it. Covers local files, HTTP, s3-style URLs, {@code ..} tricks, chained
 * archive URLs and relative targets.
 */
class AllowListTest {
  @TempDir Path dir;
  private Path data;
  private byte[] bytes;
  private TrackingByteRangeReader files;

  @BeforeEach
  void writeTargets() throws IOException {
    data = Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("secret"));
    bytes = new byte[4_000];
    new Random(7).nextBytes(bytes);
    Files.write(data.resolve("a.bin"), bytes);
    Files.write(dir.resolve("secret/key.bin"), bytes);
    Files.write(dir.resolve("data/a.tar"), new TarBuilder().add("m.bin", bytes).build());
    Files.write(dir.resolve("secret/s.tar"), new TarBuilder().add("m.bin", bytes).build());
    files = new TrackingByteRangeReader(ByteRangeReaders.nio(), false);
  }

  /** An object store stand-in that serves {@code bytes} under any key and counts requests. */
  private ByteRangeReader memory(AtomicInteger requests) {
    return new ByteRangeReader() {
      @Override
      public void read(URI target, long offset, ByteBuffer dst) {
        requests.incrementAndGet();
        dst.put(bytes, (int) offset, dst.remaining());
      }

      @Override
      public long size(URI target) {
        requests.incrementAndGet();
        return bytes.length;
      }

      @Override
      public void close() {}
    };
  }

  private ReferenceFileSystemConfig.Builder config(String... allowed) {
    return ReferenceFileSystemConfig.builder()
        .root(data)
        .sourceProvider(files.provider("file"))
        .allowedTargets(List.of(allowed));
  }

  private void assertRefused(ReferenceReader reader, String target) {
    assertThatThrownBy(() -> reader.read("v/0", Reference.range(target, 0, 100)))
        .as(target)
        .isInstanceOf(TargetNotAllowedException.class)
        .isInstanceOf(ReferenceNotReachableException.class)
        .satisfies(
            e -> {
              TargetNotAllowedException t = (TargetNotAllowedException) e;
              assertThat(t.getFile()).isEqualTo("v/0");
              assertThat(t.getOtherFile()).isEqualTo(target);
            });
  }

  @Test
  void localFiles_insideThePrefixAreRead_othersAndDotDotTricksAreRefusedWithoutIo()
      throws IOException {
    try (ReferenceReader reader = ReferenceReader.create(config(data + "/").build())) {
      assertThat(reader.read("v/0", Reference.range("a.bin", 10, 100)))
          .isEqualTo(Arrays.copyOfRange(bytes, 10, 110));
      assertThat(
              reader.read("v/1", Reference.range(data.resolve("a.bin").toUri().toString(), 0, 5)))
          .isEqualTo(Arrays.copyOf(bytes, 5));
      files.reset();

      assertRefused(reader, "/etc/passwd");
      assertRefused(reader, "../secret/key.bin"); // relative, resolved against the root first
      assertRefused(reader, dir.resolve("secret/key.bin").toString());
      assertRefused(reader, "file:" + data + "/../secret/key.bin");
      assertRefused(reader, "file://" + data + "/%2e%2e/secret/key.bin");
      assertRefused(reader, "file:" + data + "x/a.bin"); // a sibling that shares the text prefix
      assertRefused(reader, "http://127.0.0.1:1/a.bin");
      assertThat(files.requests()).isZero();
    }
  }

  @Test
  void http_onlyTheAllowedServerAndPathAreRequested() throws IOException {
    Files.createDirectories(dir.resolve("www/pub"));
    Files.createDirectories(dir.resolve("www/private"));
    Files.write(dir.resolve("www/pub/a.bin"), bytes);
    Files.write(dir.resolve("www/private/a.bin"), bytes);
    try (RangeHttpServer server = RangeHttpServer.serve(dir.resolve("www"));
        ReferenceReader reader = ReferenceReader.create(config(server.base() + "pub/").build())) {
      String base = server.base();
      assertThat(reader.read("v/0", Reference.range(base + "pub/a.bin", 100, 50)))
          .isEqualTo(Arrays.copyOfRange(bytes, 100, 150));
      int before = server.requests();

      assertRefused(reader, base + "private/a.bin");
      assertRefused(reader, base + "pub/../private/a.bin");
      assertRefused(reader, base + "pub/%2E%2E/private/a.bin");
      assertRefused(reader, base + "pub%2F..%2Fprivate/a.bin");
      assertRefused(reader, base.replace("127.0.0.1", "127.0.0.1.evil") + "pub/a.bin");
      assertRefused(reader, base.replace("http:", "https:") + "pub/a.bin");
      assertRefused(reader, "http://169.254.169.254/latest/meta-data/");
      assertRefused(reader, "/etc/passwd");
      assertThat(server.requests()).isEqualTo(before);
    }
  }

  @Test
  void http_redirectFromAnAllowedServer_isNotFollowed() throws IOException {
    Files.createDirectories(dir.resolve("www"));
    Files.write(dir.resolve("www/a.bin"), bytes);
    HttpServer redirector =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    try (RangeHttpServer inside = RangeHttpServer.serve(dir.resolve("www"))) {
      redirector.createContext(
          "/",
          ex -> {
            ex.getResponseHeaders().add("Location", inside.base() + "a.bin");
            ex.sendResponseHeaders(302, -1);
            ex.close();
          });
      redirector.start();
      String allowed = "http://127.0.0.1:" + redirector.getAddress().getPort() + "/";
      ReferenceFileSystemConfig cfg = config(allowed).remoteOption("http.maxAttempts", 1).build();
      try (ReferenceReader reader = ReferenceReader.create(cfg)) {
        assertThatThrownBy(() -> reader.read("v/0", Reference.range(allowed + "x", 0, 10)))
            .isInstanceOf(ReferenceNotReachableException.class)
            .isNotInstanceOf(TargetNotAllowedException.class)
            .hasMessageContaining("302");
      }
      assertThat(inside.requests()).isZero();
    } finally {
      redirector.stop(0);
    }
  }

  @Test
  void s3StyleUrls_matchBucketAndKeyPrefix() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    ByteRangeReader memory = memory(requests);
    ReferenceFileSystemConfig cfg =
        config("s3://bucket/data/")
            .sourceProvider(new TrackingByteRangeReader(memory, true).provider("s3"))
            .build();
    try (ReferenceReader reader = ReferenceReader.create(cfg)) {
      assertThat(reader.read("v/0", Reference.range("s3://bucket/data/x.nc", 0, 8)))
          .isEqualTo(Arrays.copyOf(bytes, 8));
      assertThat(requests.get()).isEqualTo(1);

      assertRefused(reader, "s3://bucket/other/x.nc");
      assertRefused(reader, "s3://bucket-2/data/x.nc");
      assertRefused(reader, "s3://bucket/data/../other/x.nc");
      assertRefused(reader, "s3://bucket/datax/x.nc");
      assertThat(requests.get()).isEqualTo(1);
    }
  }

  @Test
  void relativeTargetsWithARemoteProtocol_areCheckedAsTheUrlTheyBecome() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    ByteRangeReader memory = memory(requests);
    ReferenceFileSystemConfig cfg =
        config("s3://bucket/")
            .remoteProtocol("s3")
            .sourceProvider(new TrackingByteRangeReader(memory, true).provider("s3"))
            .build();
    try (ReferenceReader reader = ReferenceReader.create(cfg)) {
      assertThat(reader.read("v/0", Reference.range("bucket/x.nc", 3, 4)))
          .isEqualTo(Arrays.copyOfRange(bytes, 3, 7));
      assertRefused(reader, "other-bucket/x.nc");
      assertThat(requests.get()).isEqualTo(1);
    }
  }

  @Test
  void chainedArchiveUrls_areCheckedOnTheirInnermostUrl() throws IOException {
    try (ReferenceReader reader = ReferenceReader.create(config(data + "/").build())) {
      assertThat(reader.read("v/0", Reference.range("tar://m.bin::a.tar", 20, 30)))
          .isEqualTo(Arrays.copyOfRange(bytes, 20, 50));
      files.reset();

      assertRefused(reader, "tar://m.bin::../secret/s.tar");
      assertRefused(reader, "tar://m.bin::" + dir.resolve("secret/s.tar").toUri());
      assertRefused(reader, "tar://m.bin::simplecache::file:" + dir + "/secret/s.tar");
      assertRefused(reader, "tar://x::tar://m.bin::" + dir.resolve("secret/s.tar"));
      assertRefused(reader, "tar://../m.bin::a.tar");
      assertRefused(reader, "tar:///etc/passwd::a.tar");
      assertThat(files.requests()).isZero();
    }
  }

  @Test
  void archiveMemberNamesThatClimbOrAreAbsolute_areRefusedEvenWithoutAnAllowList()
      throws IOException {
    ReferenceFileSystemConfig cfg =
        ReferenceFileSystemConfig.builder()
            .root(data)
            .sourceProvider(files.provider("file"))
            .build();
    try (ReferenceReader reader = ReferenceReader.create(cfg)) {
      assertThat(reader.read("v/0", Reference.range("tar://./m.bin::a.tar", 0, 4)))
          .isEqualTo(Arrays.copyOf(bytes, 4));
      files.reset();

      assertRefused(reader, "tar://a/../../m.bin::a.tar");
      assertRefused(reader, "zip:///etc/passwd::a.zip");
      assertRefused(reader, "tar://..\\m.bin::a.tar");
      assertThat(files.requests()).isZero();
    }
  }

  @Test
  void fileSystem_refusesTheKeyWithTheTypedException_andReadsTheAllowedOnes() throws IOException {
    Map<String, Reference> refs =
        Map.of(
            "ok", Reference.range("a.bin", 0, 16),
            "evil", Reference.whole("/etc/passwd"));
    ReferenceFileSystemConfig cfg =
        ReferenceFileSystemConfig.fromEnv(
            Map.of("root", data, "allowedTargets", List.of(data.toUri().toString())));
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(ReferenceSets.of(refs), cfg)) {
      assertThat(Files.readAllBytes(fs.getPath("/ok"))).isEqualTo(Arrays.copyOf(bytes, 16));
      assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/evil")))
          .isInstanceOf(TargetNotAllowedException.class)
          .hasMessageContaining("evil")
          .hasMessageContaining("/etc/passwd");
      assertThatThrownBy(() -> ReferenceFileSystems.readKeys(fs, List.of("ok", "evil")))
          .isInstanceOf(TargetNotAllowedException.class);
    }
  }

  @Test
  void config_validatesPrefixes_andKeepsThemThroughToBuilder() {
    assertThatThrownBy(() -> ReferenceFileSystemConfig.builder().allowTarget("data/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data/");
    assertThatThrownBy(() -> ReferenceFileSystemConfig.builder().allowedTargets(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ReferenceFileSystemConfig.fromEnv(Map.of("allowedTargets", List.of("x", 1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReferenceFileSystemConfig.DEFAULT.allowedTargets().restricted()).isFalse();

    ReferenceFileSystemConfig cfg =
        ReferenceFileSystemConfig.fromEnv(Map.of("allowedTargets", "https://host/"));
    assertThat(cfg.toBuilder().build().allowedTargets().prefixes())
        .containsExactly("https://host/");
  }
}
