package io.refzarr.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pass-through HTTP front on 127.0.0.1 for an S3 server (s3proxy) that can spoil the next GET
 * replies, so the S3 source's handling of faults is tested through the real SDK.
 */
final class FaultyFront implements AutoCloseable {
  /** What the next GET gets. */
  enum Fault {
    STATUS_500,
    STATUS_403,
    TRUNCATED_BODY,
    WRONG_CONTENT_RANGE,
    RESET_MID_BODY
  }

  private static final Set<String> PASSED =
      Set.of(
          "content-range",
          "etag",
          "last-modified",
          "content-type",
          "accept-ranges",
          "x-amz-request-id");

  private final HttpServer server;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "faulty-front");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String backend;
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final AtomicInteger gets = new AtomicInteger();

  FaultyFront(String backend) throws IOException {
    this.backend = backend;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized void failNext(int n, Fault f) {
    for (int i = 0; i < n; i++) {
      faults.add(f);
    }
  }

  int gets() {
    return gets.get();
  }

  private synchronized Fault next() {
    return faults.poll();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Fault fault = ex.getRequestMethod().equals("GET") ? next() : null;
      if (ex.getRequestMethod().equals("GET")) {
        gets.incrementAndGet();
      }
      if (fault == Fault.STATUS_500 || fault == Fault.STATUS_403) {
        ex.sendResponseHeaders(fault == Fault.STATUS_500 ? 500 : 403, -1);
        return;
      }
      HttpResponse<byte[]> r = forward(ex);
      for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
        if (PASSED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
          ex.getResponseHeaders().put(h.getKey(), h.getValue());
        }
      }
      reply(ex, r, fault);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpResponse<byte[]> forward(HttpExchange ex) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(backend + ex.getRequestURI()))
            .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
    String range = ex.getRequestHeaders().getFirst("Range");
    if (range != null) {
      b.header("Range", range);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void reply(HttpExchange ex, HttpResponse<byte[]> r, Fault fault)
      throws IOException {
    byte[] body = r.body();
    if (ex.getRequestMethod().equals("HEAD")) {
      r.headers()
          .firstValue("Content-Length")
          .ifPresent(v -> ex.getResponseHeaders().set("Content-Length", v));
      ex.sendResponseHeaders(r.statusCode(), -1);
      return;
    }
    if (fault == Fault.WRONG_CONTENT_RANGE) {
      String cr = ex.getResponseHeaders().getFirst("Content-Range");
      ex.getResponseHeaders().set("Content-Range", cr.replaceFirst("bytes (\\d+)-", "bytes 1$1-"));
    }
    int n = fault == Fault.TRUNCATED_BODY ? body.length / 2 : body.length;
    ex.sendResponseHeaders(r.statusCode(), n == 0 ? -1 : n);
    OutputStream out = ex.getResponseBody();
    if (fault == Fault.RESET_MID_BODY) {
      out.write(body, 0, body.length / 2);
      out.flush();
      throw new IOException("injected reset");
    }
    out.write(body, 0, n);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
