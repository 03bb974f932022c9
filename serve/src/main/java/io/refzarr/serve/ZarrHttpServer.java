package io.refzarr.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A running HTTP server that presents the tree under a {@code Path} (typically the root of a {@code
 * reference} file system) as a static Zarr store. It does not own the tree's file system: close the
 * server, then the file system.
 *
 * <pre>{@code
 * try (FileSystem fs = ReferenceFileSystems.newFileSystem(refs, config);
 *      ZarrHttpServer server = ZarrHttpServer.start(fs.getPath("/"), ZarrHttpServer.loopback(8080), System.err::println)) {
 *   server.awaitClose();
 * }
 * }</pre>
 */
public final class ZarrHttpServer implements AutoCloseable {
  /** Requests served at once; more wait in the server's queue. */
  public static final int DEFAULT_THREADS = 32;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Object closed = new Object();
  private final AtomicBoolean closing = new AtomicBoolean();
  private boolean open = true; // guarded by closed

  private ZarrHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** The loopback address {@code 127.0.0.1:port} (port 0: any free port). */
  public static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * Starts serving {@code root} on {@code address} with {@link #DEFAULT_THREADS} threads.
   *
   * @param log receives one line per failed request (the key and why), for stderr
   */
  public static ZarrHttpServer start(Path root, InetSocketAddress address, Consumer<String> log)
      throws IOException {
    return start(root, address, DEFAULT_THREADS, log);
  }

  /** Starts serving {@code root} on {@code address} with {@code threads} request threads. */
  public static ZarrHttpServer start(
      Path root, InetSocketAddress address, int threads, Consumer<String> log) throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(log, "log");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    HttpServer server = HttpServer.create(address, 0);
    ExecutorService executor = Executors.newFixedThreadPool(threads, daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", new StoreHandler(root, log));
    server.start();
    return new ZarrHttpServer(server, executor);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "refzarr-serve-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The address the server listens on (with the actual port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The store's URL, such as {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    return URI.create(
        "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
  }

  /** Blocks until {@link #close()} is called (from another thread or a shutdown hook). */
  public void awaitClose() throws InterruptedException {
    synchronized (closed) {
      while (open) {
        closed.wait();
      }
    }
  }

  /**
   * Stops accepting requests, lets running ones finish for up to a second, stops the threads, and
   * then releases {@link #awaitClose()}, so the caller may close the tree's file system after it.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    server.stop(1);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (closed) {
        open = false;
        closed.notifyAll();
      }
    }
  }
}
