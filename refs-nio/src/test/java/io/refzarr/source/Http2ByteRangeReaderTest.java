package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.Retarget;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP source over real HTTP/2: a Jetty server on 127.0.0.1 speaking HTTP/1.1 and cleartext
 * HTTP/2 (h2c, reached by the JDK client through {@code Upgrade: h2c} on its first request) serves
 * the corpus with its own Range support. What protocol was spoken, and on which connection, is
 * recorded on the server side.
 */
class Http2ByteRangeReaderTest {
  private static final List<String> FILES =
      List.of(
          "hdf5_chunkgrid.h5", "nc4_cf.nc", "hdf5_dtypes.h5", "hdf5_filters.h5", "nc4_groups.nc");
  private static final String H2 = "HTTP/2.0";
  private static final String H11 = "HTTP/1.1";

  private static Server server;
  private static Recorder recorder;
  private static String base;
  private static final Map<String, byte[]> originals = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("h2-test-server");
    threads.setDaemon(true);
    server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    ServerConnector connector =
        new ServerConnector(
            server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ResourceHandler files = new ResourceHandler();
    files.setBaseResource(ResourceFactory.of(server).newResource(Corpus.dir().toRealPath()));
    files.setDirAllowed(false);
    files.setEtags(true);
    recorder = new Recorder(files);
    server.setHandler(recorder);
    server.start();
    base = "http://127.0.0.1:" + connector.getLocalPort() + "/";
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @BeforeEach
  void forgetRequests() {
    recorder.seen.clear();
    recorder.gate = null;
  }

  private static byte[] original(String file) {
    return originals.computeIfAbsent(
        file,
        f -> {
          try {
            return Corpus.bytes(f);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static byte[] expected(String file, long offset, int length) {
    return Arrays.copyOfRange(original(file), (int) offset, (int) offset + length);
  }

  private static byte[] read(ByteRangeReader reader, String file, long offset, int length)
      throws IOException {
    ByteBuffer b = reader.read(URI.create(base + file), offset, length);
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static List<String> protocols() {
    return recorder.seen.stream().map(Seen::protocol).collect(Collectors.toList());
  }

  private static List<String> clients() {
    return recorder.seen.stream().map(Seen::client).distinct().collect(Collectors.toList());
  }

  @Test
  void read_defaultVersionAgainstH2cServer_serverRecordsHttp2() throws IOException {
    String file = "nc4_cf.nc";
    // a connect timeout of its own gives a client of its own (clients are shared by settings), so
    // the
    // first request here takes the Upgrade: h2c path whatever ran before
    try (ByteRangeReader reader = ByteRangeReaders.http(Map.of("http.connectTimeoutMs", 9_876))) {
      assertThat(read(reader, file, 2000, 3000)).isEqualTo(expected(file, 2000, 3000));
      assertThat(reader.size(URI.create(base + file))).isEqualTo(original(file).length);
      assertThat(read(reader, file, 0, 1)).isEqualTo(expected(file, 0, 1));
      int len = original(file).length;
      assertThat(read(reader, file, len - 9, 9)).isEqualTo(expected(file, len - 9, 9));
    }
    assertThat(recorder.seen).extracting(Seen::method).containsExactly("GET", "HEAD", "GET", "GET");
    assertThat(protocols()).containsOnly(H2);
    assertThat(clients()).hasSize(1);
  }

  @Test
  void read_pastEndOverHttp2_throwsEofNamingTheEnd() throws IOException {
    String file = "hdf5_dimscales.h5";
    int len = original(file).length;
    try (ByteRangeReader reader = ByteRangeReaders.http(Map.of("http.retryBaseDelayMs", 10))) {
      assertThatThrownBy(() -> read(reader, file, len - 10, 20))
          .isInstanceOf(EOFException.class)
          .hasMessageContaining("ends at byte " + len);
      assertThatThrownBy(() -> read(reader, file, len + 10, 20)).isInstanceOf(EOFException.class);
    }
    assertThat(recorder.seen).extracting(Seen::method).containsExactly("GET", "GET");
    assertThat(protocols()).containsOnly(H2);
  }

  @Test
  void read_manyConcurrentRanges_equalTheFilesBytesMultiplexedOnOneConnection() throws Exception {
    List<long[]> ranges = new ArrayList<>();
    Random random = new Random(20261124);
    for (int i = 0; i < 96; i++) {
      int f = random.nextInt(FILES.size());
      int len = original(FILES.get(f)).length;
      int offset = i % 12 == 0 ? 0 : random.nextInt(len);
      int length =
          i % 12 == 1 ? len - offset : 1 + random.nextInt(Math.min(64 << 10, len - offset));
      ranges.add(new long[] {f, offset, length});
    }
    int together = 16;
    ExecutorService callers = Executors.newFixedThreadPool(24);
    try (ByteRangeReader reader = ByteRangeReaders.http(Map.of("http.timeoutMs", 20_000))) {
      // one request first, so that the connection is HTTP/2 before the rest share it
      assertThat(read(reader, FILES.get(0), 0, 100)).isEqualTo(expected(FILES.get(0), 0, 100));
      // the server holds each GET until this many are in it at once: only multiplexing gets there
      CountDownLatch gate = new CountDownLatch(together);
      recorder.gate = gate;
      List<Future<byte[]>> got = new ArrayList<>();
      for (long[] r : ranges) {
        got.add(callers.submit(() -> read(reader, FILES.get((int) r[0]), r[1], (int) r[2])));
      }
      for (int i = 0; i < ranges.size(); i++) {
        long[] r = ranges.get(i);
        assertThat(got.get(i).get(30, TimeUnit.SECONDS))
            .as("range %d of %s", i, FILES.get((int) r[0]))
            .isEqualTo(expected(FILES.get((int) r[0]), r[1], (int) r[2]));
      }
      assertThat(gate.getCount())
          .as("requests in the server at once fell short of " + together)
          .isZero();
    } finally {
      callers.shutdownNow();
    }
    assertThat(recorder.seen).hasSize(ranges.size() + 1);
    assertThat(protocols()).containsOnly(H2);
    assertThat(clients()).as("client connections seen by the server").hasSize(1);
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

  /** Relative targets (and the containers of chained ones) moved to the h2 server. */
  private static UnaryOperator<String> toServer() {
    return t -> t.contains("::") ? t.replace("::", "::" + base) : base + t;
  }

  @ParameterizedTest
  @MethodSource("goldenSets")
  void readKeys_goldenSetRetargetedToH2Server_equalsTheLocalRead(String golden) throws IOException {
    ReferenceSet local = ReferenceSets.readJson(Corpus.file(golden));
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder().root(Corpus.dir()).build();
    Map<String, byte[]> want = readEveryKey(local, config);
    Map<String, byte[]> got = readEveryKey(Retarget.of(local, toServer()), config);
    assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
    want.forEach((k, v) -> assertThat(got.get(k)).as(k).isEqualTo(v));
    boolean remote = false;
    for (String k : want.keySet()) {
      remote |= !(local.get(k).orElseThrow() instanceof Reference.Inline);
    }
    if (remote) {
      assertThat(protocols())
          .as("protocols of the requests to the server")
          .isNotEmpty()
          .containsOnly(H2);
    } else {
      assertThat(recorder.seen).as("requests for a set of inline data only").isEmpty();
    }
  }

  /** Every key of a set, read one by one and as one multi-key read (which must agree). */
  private static Map<String, byte[]> readEveryKey(
      ReferenceSet set, ReferenceFileSystemConfig config) throws IOException {
    List<String> keys = set.keys().collect(Collectors.toList());
    Map<String, byte[]> out = new HashMap<>();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(set, config)) {
      Map<String, byte[]> batch = ReferenceFileSystems.readKeys(fs, keys);
      assertThat(batch.keySet()).containsExactlyInAnyOrderElementsOf(keys);
      for (String key : keys) {
        byte[] one = Files.readAllBytes(fs.getPath("/" + key));
        assertThat(batch.get(key)).as(key).isEqualTo(one);
        out.put(key, one);
      }
    }
    return new java.util.TreeMap<>(out);
  }

  @Test
  void read_http11Option_sameServerAnswersOverHttp11() throws IOException {
    try (ByteRangeReader reader = ByteRangeReaders.http(Map.of("http.version", "HTTP_1_1"))) {
      for (String file : FILES) {
        int len = original(file).length;
        assertThat(reader.size(URI.create(base + file))).isEqualTo(len);
        assertThat(read(reader, file, len / 3, len / 2))
            .isEqualTo(expected(file, len / 3, len / 2));
      }
    }
    ReferenceSet set =
        Retarget.of(ReferenceSets.readJson(Corpus.file("golden/nc4_cf.json")), toServer());
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder()
            .root(Corpus.dir())
            .remoteOption("http.version", "HTTP_1_1")
            .build();
    ReferenceSet local = ReferenceSets.readJson(Corpus.file("golden/nc4_cf.json"));
    Map<String, byte[]> want =
        readEveryKey(local, ReferenceFileSystemConfig.builder().root(Corpus.dir()).build());
    Map<String, byte[]> got = readEveryKey(set, config);
    want.forEach((k, v) -> assertThat(got.get(k)).as(k).isEqualTo(v));
    assertThat(recorder.seen).hasSizeGreaterThan(2 * FILES.size());
    assertThat(protocols()).containsOnly(H11);
  }

  /**
   * What the server saw of one request: method, protocol, the client's address (one per
   * connection).
   */
  record Seen(String method, String protocol, String client, String range) {}

  /** Records every request; while a gate is set, holds each GET until the gate has opened. */
  private static final class Recorder extends Handler.Wrapper {
    final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    volatile CountDownLatch gate;

    Recorder(Handler next) {
      super(next);
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.BLOCKING; // handle() may wait at the gate: never on a selector thread
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      ConnectionMetaData c = request.getConnectionMetaData();
      seen.add(
          new Seen(
              request.getMethod(),
              c.getProtocol(),
              String.valueOf(c.getRemoteSocketAddress()),
              request.getHeaders().get(HttpHeader.RANGE)));
      CountDownLatch g = gate;
      if (g != null && "GET".equals(request.getMethod())) {
        g.countDown();
        g.await(5, TimeUnit.SECONDS);
      }
      return super.handle(request, response, callback);
    }
  }
}
