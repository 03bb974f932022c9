package io.refzarr.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's {@code HttpServer}) serving the files under a
 * directory and objects put in memory, with single ranges ({@code bytes=a-b}, {@code a-}, {@code
 * -n}), HEAD, ETags, an optional added latency per request, and injected faults for the next GET
 * requests. For tests and benchmarks of the HTTP source.
 */
public final class RangeHttpServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  /** Faults a GET can be answered with. */
  public enum Fault {
    /** 500 Internal Server Error. */
    STATUS_500,
    /** 503 with {@code Retry-After: 1}. */
    STATUS_503_RETRY_AFTER,
    /** 404 Not Found (never retried). */
    STATUS_404,
    /** 429 Too Many Requests, without Retry-After. */
    STATUS_429,
    /** 403 Forbidden (never retried). */
    STATUS_403,
    /** Half the body, then the connection is closed. */
    RESET_MID_BODY,
    /** 206 with a correct Content-Range but only half the body (a matching Content-Length). */
    TRUNCATED_BODY,
    /** The bytes one further on, with a Content-Range saying so. */
    WRONG_CONTENT_RANGE,
    /** Half the body, then a stall of five seconds. */
    STALL,
    /** 200 with the whole object, as a server that ignores Range. */
    IGNORE_RANGE
  }

  static {
    // without it, header and body writes meet Nagle and delayed ACKs: about 40 ms more per reply
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "range-http-server");
            t.setDaemon(true);
            return t;
          });
  private final Path root;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<String, Integer> versions = new ConcurrentHashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final AtomicInteger gets = new AtomicInteger();
  private final AtomicInteger heads = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Duration latency = Duration.ZERO;
  private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();

  private final SSLContext ssl;

  private RangeHttpServer(Path root, SSLContext ssl) throws IOException {
    this.root = root;
    this.ssl = ssl;
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (ssl == null) {
      server = HttpServer.create(address, 64);
    } else {
      HttpsServer https = HttpsServer.create(address, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(ssl));
      server = https;
    }
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves the files under {@code root} at {@code http://127.0.0.1:PORT/<relative path>}. */
  public static RangeHttpServer serve(Path root) throws IOException {
    return new RangeHttpServer(root.toAbsolutePath(), null);
  }

  /**
   * Serves the files under {@code root} over HTTPS with a fresh self-signed certificate for
   * 127.0.0.1 (made with the JDK's {@code keytool} in {@code workDir}); clients trust it through
   * {@link #sslContext()}.
   */
  public static RangeHttpServer serveHttps(Path root, Path workDir) throws IOException {
    return new RangeHttpServer(root.toAbsolutePath(), TestCertificates.selfSigned(workDir));
  }

  /**
   * The TLS context of an HTTPS server (it trusts the server's own certificate), or null for HTTP.
   */
  public SSLContext sslContext() {
    return ssl;
  }

  /** The URL of a served path (relative, {@code /}-separated). */
  public URI uri(String path) {
    return URI.create(base() + path);
  }

  /** The base URL, ending with {@code /}. */
  public String base() {
    return (ssl == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /**
   * Serves {@code data} at {@code path} (over any file there), as a new version with a new ETag.
   */
  public void put(String path, byte[] data) {
    objects.put(path, data.clone());
    versions.merge(path, 1, Integer::sum);
  }

  /** Delays every reply by {@code d}. */
  public void latency(Duration d) {
    latency = d;
  }

  /** Answers the next {@code count} GETs with {@code fault}, after faults already queued. */
  public synchronized void failNext(int count, Fault fault) {
    for (int i = 0; i < count; i++) {
      faults.add(fault);
    }
  }

  /** The value of a request header in the latest request that had it, or null. */
  public String lastHeader(String name) {
    return lastHeaders.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** Requests of any kind received so far, answered or not. */
  public int requests() {
    return requests.get();
  }

  /** GET requests served so far (of existing objects). */
  public int gets() {
    return gets.get();
  }

  /** HEAD requests served so far. */
  public int heads() {
    return heads.get();
  }

  private synchronized Fault nextFault() {
    return faults.poll();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      requests.incrementAndGet();
      sleep(latency);
      ex.getRequestHeaders()
          .forEach((k, v) -> lastHeaders.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      String path = URI.create("/").relativize(ex.getRequestURI()).getPath();
      byte[] data = content(path);
      if (data == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ex.getResponseHeaders()
          .set("ETag", "\"" + path.hashCode() + "-" + versions.getOrDefault(path, 0) + "\"");
      ex.getResponseHeaders().set("Accept-Ranges", "bytes");
      if (ex.getRequestMethod().equals("HEAD")) {
        heads.incrementAndGet();
        ex.getResponseHeaders().set("Content-Length", String.valueOf(data.length));
        ex.sendResponseHeaders(200, -1);
        return;
      }
      gets.incrementAndGet();
      serveGet(ex, data);
    }
  }

  private byte[] content(String path) throws IOException {
    byte[] obj = objects.get(path);
    if (obj != null) {
      return obj;
    }
    Path f = root.resolve(path).normalize();
    return f.startsWith(root) && Files.isRegularFile(f) ? Files.readAllBytes(f) : null;
  }

  private void serveGet(HttpExchange ex, byte[] data) throws IOException {
    String range = ex.getRequestHeaders().getFirst("Range");
    Fault fault = nextFault();
    if (fault == Fault.IGNORE_RANGE || range == null) {
      ex.sendResponseHeaders(200, data.length);
      ex.getResponseBody().write(data);
      return;
    }
    if (fault != null && statusFault(ex, fault)) {
      return;
    }
    Matcher m = RANGE.matcher(range);
    long[] se = m.matches() ? span(m, data.length) : null;
    if (se == null) {
      ex.getResponseHeaders().set("Content-Range", "bytes */" + data.length);
      ex.sendResponseHeaders(416, -1);
      return;
    }
    int start = (int) se[0];
    int end = (int) se[1];
    if (fault == Fault.WRONG_CONTENT_RANGE && end + 1 < data.length) {
      start++;
      end++;
    }
    ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + data.length);
    sendBody(ex, data, start, end - start + 1, fault);
  }

  private static boolean statusFault(HttpExchange ex, Fault fault) throws IOException {
    switch (fault) {
      case STATUS_500:
        ex.sendResponseHeaders(500, -1);
        return true;
      case STATUS_503_RETRY_AFTER:
        ex.getResponseHeaders().set("Retry-After", "1");
        ex.sendResponseHeaders(503, -1);
        return true;
      case STATUS_404:
        ex.sendResponseHeaders(404, -1);
        return true;
      case STATUS_429:
        ex.sendResponseHeaders(429, -1);
        return true;
      case STATUS_403:
        ex.sendResponseHeaders(403, -1);
        return true;
      default:
        return false;
    }
  }

  private static void sendBody(HttpExchange ex, byte[] data, int start, int len, Fault fault)
      throws IOException {
    if (fault == Fault.TRUNCATED_BODY) {
      ex.sendResponseHeaders(206, Math.max(1, len / 2));
      ex.getResponseBody().write(data, start, Math.max(1, len / 2));
      return;
    }
    ex.sendResponseHeaders(206, len);
    OutputStream out = ex.getResponseBody();
    if (fault == Fault.RESET_MID_BODY || fault == Fault.STALL) {
      out.write(data, start, len / 2);
      out.flush();
      if (fault == Fault.STALL) {
        sleep(Duration.ofSeconds(5));
      }
      throw new IOException("injected " + fault);
    }
    out.write(data, start, len);
  }

  private static long[] span(Matcher m, long size) {
    String a = m.group(1);
    String b = m.group(2);
    if (a.isEmpty() && b.isEmpty()) {
      return null;
    }
    long start;
    long end;
    if (a.isEmpty()) {
      start = Math.max(0, size - Long.parseLong(b));
      end = size - 1;
    } else {
      start = Long.parseLong(a);
      end = b.isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(b));
    }
    return start >= size || end < start ? null : new long[] {start, end};
  }

  private static void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
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
