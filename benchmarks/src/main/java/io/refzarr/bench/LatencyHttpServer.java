package io.refzarr.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One object served on 127.0.0.1 with single {@code bytes=a-b} ranges and HEAD, every reply delayed
 * by a fixed latency (a stand-in for a remote store's round trip). Counts GETs.
 */
final class LatencyHttpServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

  static {
    // without it, header and body writes meet Nagle and delayed ACKs: about 40 ms more per reply
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "latency-http");
            t.setDaemon(true);
            return t;
          });
  private final byte[] data;
  private final Duration latency;
  private final AtomicInteger gets = new AtomicInteger();

  LatencyHttpServer(byte[] data, Duration latency) throws IOException {
    this.data = data;
    this.latency = latency;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/object.bin";
  }

  int gets() {
    return gets.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Thread.sleep(latency.toMillis());
      ex.getResponseHeaders().set("ETag", "\"v1\"");
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Content-Length", String.valueOf(data.length));
        ex.sendResponseHeaders(200, -1);
        return;
      }
      gets.incrementAndGet();
      Matcher m = RANGE.matcher(String.valueOf(ex.getRequestHeaders().getFirst("Range")));
      if (!m.matches()) {
        ex.sendResponseHeaders(416, -1);
        return;
      }
      int start = Integer.parseInt(m.group(1));
      int end = (int) Math.min(data.length - 1, Long.parseLong(m.group(2)));
      ex.getResponseHeaders()
          .set("Content-Range", "bytes " + start + "-" + end + "/" + data.length);
      ex.sendResponseHeaders(206, end - start + 1);
      ex.getResponseBody().write(data, start, end - start + 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
