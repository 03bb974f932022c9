package io.refzarr.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.internal.json.Json;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET, Range, HEAD, 404, 502, listings and {@code .zmetadata} of a served corpus set, over
 * loopback.
 */
@Timeout(60)
class ZarrHttpServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final List<String> log = new CopyOnWriteArrayList<>();
  private FileSystem fs;
  private ZarrHttpServer server;

  @BeforeEach
  void serveNc4Cf() throws IOException {
    fs = ReferenceFileSystems.newFileSystem(Corpus.file("golden/nc4_cf.json"), corpusRoot());
    server = ZarrHttpServer.start(fs.getPath("/"), ZarrHttpServer.loopback(0), log::add);
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    fs.close();
  }

  static ReferenceFileSystemConfig corpusRoot() {
    return ReferenceFileSystemConfig.builder().root(Corpus.dir()).build();
  }

  @Test
  void get_chunk_isTheTargetRange() throws Exception {
    HttpResponse<byte[]> r = get("precip/0.0.1", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(source("nc4_cf.nc", 78915, 1118));
    assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
  }

  @Test
  void get_range_is206WithContentRange() throws Exception {
    HttpResponse<byte[]> r = get("precip/0.0.1", "bytes=100-199");

    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 100-199/1118");
    assertThat(r.body()).isEqualTo(source("nc4_cf.nc", 78915 + 100, 100));
  }

  @Test
  void get_suffixRange_isTheLastBytes() throws Exception {
    HttpResponse<byte[]> r = get("precip/0.0.1", "bytes=-18");

    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 1100-1117/1118");
    assertThat(r.body()).isEqualTo(source("nc4_cf.nc", 78915 + 1100, 18));
  }

  @Test
  void get_rangePastTheEnd_is416() throws Exception {
    HttpResponse<byte[]> r = get("precip/0.0.1", "bytes=1118-2000");

    assertThat(r.statusCode()).isEqualTo(416);
    assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */1118");
  }

  @Test
  void head_givesTheLengthWithoutABody() throws Exception {
    HttpResponse<byte[]> r =
        send(HttpRequest.newBuilder(url("precip/0.0.1")).method("HEAD", noBody()));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Length")).hasValue("1118");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void missingKeyAndEscapingPath_are404() throws Exception {
    assertThat(get("precip/9.9.9", null).statusCode()).isEqualTo(404);
    assertThat(get("nope/.zarray", null).statusCode()).isEqualTo(404);
    assertThat(
            send(HttpRequest.newBuilder(URI.create(server.uri() + "precip/%2E%2E/.zgroup")))
                .statusCode())
        .isEqualTo(404);
    // a NUL makes no path of the set: the connection was closed with no answer
    assertThat(send(HttpRequest.newBuilder(URI.create(server.uri() + "precip/%00"))).statusCode())
        .isEqualTo(404);
    assertThat(log).isEmpty();
  }

  @Test
  void directory_isAListingWithAbsoluteLinks() throws Exception {
    HttpResponse<byte[]> root = get("", null);
    HttpResponse<byte[]> array = get("precip/", null);

    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(new String(root.body(), StandardCharsets.UTF_8))
        .contains("href=\"/precip/\"", "href=\"/.zgroup\"");
    assertThat(new String(array.body(), StandardCharsets.UTF_8)).contains("href=\"/precip/0.0.1\"");
  }

  @Test
  void zmetadata_isBuiltFromTheMetadataKeys() throws Exception {
    HttpResponse<byte[]> r = get(".zmetadata", null);

    assertThat(r.statusCode()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) Json.parse(r.body());
    assertThat(doc).containsEntry("zarr_consolidated_format", 1L);
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) doc.get("metadata");
    assertThat(metadata)
        .containsKeys(".zgroup", ".zattrs", "precip/.zarray", "precip/.zattrs", "temp/.zarray");
    assertThat(metadata.keySet())
        .allMatch(k -> k.endsWith(".zarray") || k.endsWith(".zattrs") || k.endsWith(".zgroup"));
    assertThat(metadata.get("precip/.zarray"))
        .isEqualTo(Json.parse(Files.readAllBytes(fs.getPath("/precip/.zarray"))));
  }

  @Test
  void unreadableTarget_is502AndTheLogNamesTheKey() throws Exception {
    ReferenceSet set =
        ReferenceSets.builder()
            .putInline(".zgroup", "{\"zarr_format\":2}".getBytes(StandardCharsets.UTF_8))
            .putTargetRef("a/0", "no-such-file.nc", 10, 20)
            .build();
    try (FileSystem broken = ReferenceFileSystems.newFileSystem(set, corpusRoot());
        ZarrHttpServer s =
            ZarrHttpServer.start(broken.getPath("/"), ZarrHttpServer.loopback(0), log::add)) {
      URI chunk = s.uri().resolve("a/0");
      HttpResponse<byte[]> head = send(HttpRequest.newBuilder(chunk).method("HEAD", noBody()));
      HttpResponse<byte[]> r = send(HttpRequest.newBuilder(chunk));

      assertThat(head.statusCode()).as("HEAD needs only the reference").isEqualTo(200);
      assertThat(head.headers().firstValue("Content-Length")).hasValue("20");
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(log).singleElement().asString().contains("a/0", "no-such-file.nc");
    }
  }

  @Test
  void targetShorterThanItsReference_neverAnswersWithFullBytes(@TempDir Path dir) throws Exception {
    int claimed =
        StoreHandler.FIRST_PART + (1 << 20); // beyond the part read before the status line
    Files.write(dir.resolve("short.bin"), new byte[StoreHandler.FIRST_PART + 1000]);
    ReferenceSet set =
        ReferenceSets.builder()
            .putTargetRef("big/0", dir.resolve("short.bin").toString(), 0, claimed)
            .build();
    try (FileSystem broken = ReferenceFileSystems.newFileSystem(set, corpusRoot());
        ZarrHttpServer s =
            ZarrHttpServer.start(broken.getPath("/"), ZarrHttpServer.loopback(0), log::add)) {
      HttpRequest get = HttpRequest.newBuilder(s.uri().resolve("big/0")).build();
      int status;
      try {
        status = HTTP.send(get, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
      } catch (IOException cutShort) { // the status line was out: the connection closes mid-body
        status = -1;
      }

      assertThat(status).isIn(502, -1);
      assertThat(log).isNotEmpty().allSatisfy(line -> assertThat(line).contains("big/0"));
    }
  }

  @Test
  void parquetSet_servesKeysAndMetadata() throws Exception {
    try (FileSystem parq =
            ReferenceFileSystems.newFileSystem(
                Corpus.file("golden/series_combined.parq"), corpusRoot());
        ZarrHttpServer s =
            ZarrHttpServer.start(parq.getPath("/"), ZarrHttpServer.loopback(0), log::add)) {
      HttpResponse<byte[]> zm = send(HttpRequest.newBuilder(s.uri().resolve(".zmetadata")));
      HttpResponse<byte[]> lat = send(HttpRequest.newBuilder(s.uri().resolve("lat/.zarray")));

      assertThat(zm.statusCode()).isEqualTo(200);
      assertThat(new String(zm.body(), StandardCharsets.UTF_8)).contains("tas/.zarray");
      assertThat(lat.body()).isEqualTo(Files.readAllBytes(parq.getPath("/lat/.zarray")));
    }
  }

  private HttpResponse<byte[]> get(String key, String range) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(key));
    if (range != null) {
      b.header("Range", range);
    }
    return send(b);
  }

  private URI url(String key) {
    return server.uri().resolve(key);
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }

  static byte[] source(String file, long offset, int length) throws IOException {
    byte[] all = Corpus.bytes(file);
    return Arrays.copyOfRange(all, (int) offset, (int) offset + length);
  }

  static Path corpus() {
    return Corpus.dir();
  }
}
