package io.refzarr.source;

import io.refzarr.internal.concurrent.Futures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Reads HTTP(S) targets with ranged GETs on the JDK {@link HttpClient}. Every response is checked
 * (status, {@code Content-Range}, body length) and the target's ETag or Last-Modified time is
 * pinned on first use. Transient failures are retried under a {@link RetryPolicy}. The request
 * timeout bounds the whole exchange, body included, so a server that stalls mid-body fails as a
 * timeout instead of hanging.
 */
final class HttpByteRangeReader implements ByteRangeReader {
  private final HttpClient client;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final Retrier retrier;
  private final IdentityPins pins = new IdentityPins();

  HttpByteRangeReader(
      HttpClient client, Map<String, String> headers, Duration timeout, RetryPolicy retry) {
    this.client = client;
    this.headers = Map.copyOf(headers);
    this.timeout = timeout;
    this.retrier = new Retrier(retry);
  }

  @Override
  public void read(URI target, long offset, ByteBuffer dst) throws IOException {
    int length = dst.remaining();
    if (length == 0) {
      return;
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    byte[] body =
        retrier.run("GET " + target + " " + range, () -> get(target, offset, length, range));
    dst.put(body);
  }

  private byte[] get(URI target, long offset, int length, String range) throws IOException {
    HttpResponse<byte[]> r =
        send(
            request(target).header("Range", range).GET().build(),
            info -> HttpReplies.bodyFor(info, length));
    HttpReplies.checkStatus(target, r, range);
    pins.check(target, HttpReplies.identity(r));
    HttpReplies.checkRange(target, r, offset, length);
    return r.body();
  }

  @Override
  public long size(URI target) throws IOException {
    return retrier.run("HEAD " + target, () -> head(target));
  }

  private long head(URI target) throws IOException {
    HttpResponse<byte[]> r =
        send(
            request(target).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            info -> HttpReplies.bodyFor(info, 0));
    HttpReplies.checkStatus(target, r, "HEAD");
    pins.check(target, HttpReplies.identity(r));
    long len = r.headers().firstValueAsLong("Content-Length").orElse(-1);
    return len >= 0 ? len : sizeFromRange(target);
  }

  private long sizeFromRange(URI target) throws IOException {
    HttpResponse<byte[]> r =
        send(
            request(target).header("Range", "bytes=0-0").GET().build(),
            info -> HttpReplies.bodyFor(info, 1));
    HttpReplies.checkStatus(target, r, "bytes=0-0");
    return HttpReplies.totalLength(target, r);
  }

  private HttpRequest.Builder request(URI target) {
    HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout);
    headers.forEach(b::header);
    return b;
  }

  private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    CompletableFuture<HttpResponse<T>> f = client.sendAsync(req, handler);
    try {
      // HttpRequest.timeout covers the headers only; this bounds the body as well
      return Futures.get(f, timeout);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new HttpTimeoutException(
          req.method() + " " + req.uri() + " timed out after " + timeout.toMillis() + " ms");
    } catch (InterruptedIOException e) {
      if (!Thread.currentThread().isInterrupted()) {
        throw e; // the exchange's own failure
      }
      f.cancel(true);
      InterruptedIOException named =
          new InterruptedIOException(req.method() + " " + req.uri() + " was interrupted");
      named.initCause(e);
      throw named;
    }
  }

  @Override
  public boolean isRemote() {
    return true;
  }

  static NoSuchFileException notFound(URI target, int status) {
    return new NoSuchFileException(target.toString(), null, "HTTP " + status);
  }
}
