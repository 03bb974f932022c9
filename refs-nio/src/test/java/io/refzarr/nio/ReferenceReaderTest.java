package io.refzarr.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.refs.Reference;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.source.ReferenceNotReachableException;
import io.refzarr.testing.RangeHttpServer;
import io.refzarr.testing.TrackingByteRangeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared reader of references' bytes, over real files in a temporary directory and a loopback
 * HTTP server: bytes against the file's own, failures as {@link ReferenceNotReachableException}
 * naming the key and the target, and the block cache counted by a tracking source.
 */
class ReferenceReaderTest {
  @TempDir Path dir;
  private byte[] data;

  @BeforeEach
  void writeTarget() throws IOException {
    data = new byte[10_000];
    new Random(42).nextBytes(data);
    Files.write(dir.resolve("data.bin"), data);
  }

  private ReferenceReader reader() {
    return ReferenceReader.create(ReferenceFileSystemConfig.builder().root(dir).build());
  }

  @Test
  void read_rangeOfRelativeLocalTarget_returnsThoseBytesOfTheFile() throws IOException {
    try (ReferenceReader reader = reader()) {
      byte[] got = reader.read("a/0", Reference.range("data.bin", 1234, 500));

      assertThat(got).isEqualTo(Arrays.copyOfRange(data, 1234, 1734));
    }
  }

  @Test
  void read_rangeOfAbsoluteFileUrl_returnsThoseBytesOfTheFile() throws IOException {
    String url = dir.resolve("data.bin").toUri().toString();
    try (ReferenceReader reader = ReferenceReader.create(ReferenceFileSystemConfig.DEFAULT)) {
      assertThat(reader.read("a/0", Reference.range(url, 9_990, 10)))
          .isEqualTo(Arrays.copyOfRange(data, 9_990, 10_000));
    }
  }

  @Test
  void read_inline_returnsItsBytesWithoutATarget() throws IOException {
    try (ReferenceReader reader = reader()) {
      assertThat(reader.read(".zattrs", Reference.inline(new byte[] {'{', '}'})))
          .containsExactly('{', '}');
    }
  }

  @Test
  void read_wholeTarget_returnsTheWholeFile_andSizeAsksTheTarget() throws IOException {
    try (ReferenceReader reader = reader()) {
      assertThat(reader.read("a/0", Reference.whole("data.bin"))).isEqualTo(data);
      assertThat(reader.size("a/0", Reference.whole("data.bin"))).isEqualTo(10_000);
      assertThat(reader.size("a/1", Reference.range("data.bin", 0, 7))).isEqualTo(7);
    }
  }

  @Test
  void read_missingTarget_throwsNotReachableNamingKeyAndTarget() throws IOException {
    try (ReferenceReader reader = reader()) {
      assertThatThrownBy(() -> reader.read("temp/0.0", Reference.range("gone.bin", 0, 10)))
          .isInstanceOf(ReferenceNotReachableException.class)
          .satisfies(
              e -> {
                ReferenceNotReachableException r = (ReferenceNotReachableException) e;
                assertThat(r.getFile()).isEqualTo("temp/0.0");
                assertThat(r.getOtherFile()).isEqualTo("gone.bin");
                assertThat(r.getReason()).contains("range [0, +10)");
              });
      assertThatThrownBy(() -> reader.read("temp/0.1", Reference.whole("gone.bin")))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("temp/0.1")
          .hasMessageContaining("gone.bin");
    }
  }

  @Test
  void read_defaultTargetWithoutOne_throwsNotReachableNamingTheKey() throws IOException {
    try (ReferenceReader reader = reader()) {
      assertThatThrownBy(
              () -> reader.read("temp/0.0", Reference.range(Reference.DEFAULT_TARGET, 0, 10)))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("temp/0.0")
          .hasMessageContaining("no default target");
    }
  }

  @Test
  void read_rangePastTheEndOfTheTarget_throwsNotReachableSayingItIsShorter() throws IOException {
    try (ReferenceReader reader = reader()) {
      assertThatThrownBy(() -> reader.read("temp/9", Reference.range("data.bin", 9_000, 2_000)))
          .isInstanceOf(ReferenceNotReachableException.class)
          .satisfies(
              e -> {
                ReferenceNotReachableException r = (ReferenceNotReachableException) e;
                assertThat(r.getFile()).isEqualTo("temp/9");
                assertThat(r.getOtherFile()).isEqualTo("data.bin");
                assertThat(r.getReason())
                    .contains("shorter")
                    .contains("[9000, 11000)")
                    .contains("10000 bytes");
              });
    }
  }

  @Test
  void read_manyKeys_keepsTheirOrder_mixesInlineAndRanges_andNamesAFailingKey() throws IOException {
    Map<String, Reference> refs = new LinkedHashMap<>();
    refs.put("a/1", Reference.range("data.bin", 600, 100));
    refs.put("a/.zarray", Reference.inline(new byte[] {1, 2}));
    refs.put("a/0", Reference.range("data.bin", 0, 100));
    refs.put("b", Reference.whole("data.bin"));
    try (ReferenceReader reader = reader()) {
      Map<String, byte[]> got = reader.read(refs);

      assertThat(got.keySet()).containsExactly("a/1", "a/.zarray", "a/0", "b");
      assertThat(got.get("a/1")).isEqualTo(Arrays.copyOfRange(data, 600, 700));
      assertThat(got.get("a/.zarray")).containsExactly(1, 2);
      assertThat(got.get("a/0")).isEqualTo(Arrays.copyOfRange(data, 0, 100));
      assertThat(got.get("b")).isEqualTo(data);

      refs.put("a/2", Reference.range("gone.bin", 0, 1));
      assertThatThrownBy(() -> reader.read(refs))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("a/2")
          .hasMessageContaining("gone.bin");
    }
  }

  @Test
  void read_remoteRangeTwice_secondIsACacheHitWithoutARequest() throws IOException {
    TrackingByteRangeReader tracking = new TrackingByteRangeReader(ByteRangeReaders.nio(), true);
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder()
            .root(dir)
            .sourceProvider(tracking.provider("file"))
            .build();
    try (ReferenceReader reader = ReferenceReader.create(config)) {
      Reference ref = Reference.range("data.bin", 100, 400);
      byte[] first = reader.read("a/0", ref);
      byte[] second = reader.read("a/0", ref);

      assertThat(first).isEqualTo(Arrays.copyOfRange(data, 100, 500)).isEqualTo(second);
      assertThat(tracking.requests()).isEqualTo(1);
      assertThat(reader.stats().hits()).isEqualTo(1);
      assertThat(reader.stats().misses()).isEqualTo(1);
    }
  }

  @Test
  void read_neighbouringRemoteRanges_costOneRequest() throws IOException {
    TrackingByteRangeReader tracking = new TrackingByteRangeReader(ByteRangeReaders.nio(), true);
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder()
            .root(dir)
            .sourceProvider(tracking.provider("file"))
            .build();
    try (ReferenceReader reader = ReferenceReader.create(config)) {
      Map<String, byte[]> got =
          reader.read(
              Map.of(
                  "x/0",
                  Reference.range("data.bin", 0, 100),
                  "x/1",
                  Reference.range("data.bin", 200, 100)));

      assertThat(got.get("x/1")).isEqualTo(Arrays.copyOfRange(data, 200, 300));
      assertThat(tracking.requests()).isEqualTo(1);
    }
  }

  @Test
  void read_overHttp_readsTheServedBytes_andServesTheSecondReadFromTheCache() throws IOException {
    try (RangeHttpServer server = RangeHttpServer.serve(dir)) {
      ReferenceFileSystemConfig config =
          ReferenceFileSystemConfig.builder().root(dir).remoteProtocol("http").build();
      try (ReferenceReader reader = ReferenceReader.create(config)) {
        String target = server.base() + "data.bin";
        assertThat(reader.read("a/0", Reference.range(target, 5000, 1000)))
            .isEqualTo(Arrays.copyOfRange(data, 5000, 6000));
        int gets = server.gets();
        assertThat(reader.read("a/0", Reference.range(target, 5000, 1000)))
            .isEqualTo(Arrays.copyOfRange(data, 5000, 6000));
        assertThat(server.gets()).isEqualTo(gets);
        assertThat(reader.read("b", Reference.whole(target))).isEqualTo(data);

        String relative =
            server.base().substring("http://".length()) + "data.bin"; // protocol-less: http
        assertThat(reader.read("c", Reference.range(relative, 0, 16)))
            .isEqualTo(Arrays.copyOf(data, 16));

        assertThatThrownBy(
                () -> reader.read("d/0", Reference.range(server.base() + "gone.bin", 0, 8)))
            .isInstanceOf(ReferenceNotReachableException.class)
            .hasMessageContaining("d/0")
            .hasMessageContaining("gone.bin");
      }
    }
  }

  @Test
  void read_afterTheFileSystemStyleMultiKeyRead_sharesOneCache() throws IOException {
    TrackingByteRangeReader tracking = new TrackingByteRangeReader(ByteRangeReaders.nio(), true);
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder()
            .root(dir)
            .sourceProvider(tracking.provider("file"))
            .build();
    try (ReferenceReader reader = ReferenceReader.create(config)) {
      reader.read(Map.of("a/0", Reference.range("data.bin", 0, 300)));
      tracking.reset();

      assertThat(reader.read("a/0", Reference.range("data.bin", 0, 300)))
          .isEqualTo(Arrays.copyOf(data, 300));
      assertThat(tracking.requests()).isZero();
      assertThat(reader.stats().hits()).isEqualTo(1);
    }
  }
}
