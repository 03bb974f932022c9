package io.refzarr.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Checks of HTTP replies to range requests: status, {@code Content-Range}, body length, identity.
 */
final class HttpReplies {
  private HttpReplies() {}

  /** Reads the body of a good reply into at most {@code expected} bytes; discards other bodies. */
  static HttpResponse.BodySubscriber<byte[]> bodyFor(HttpResponse.ResponseInfo info, int expected) {
    int status = info.statusCode();
    if (status == 200 || status == 206) {
      return new BoundedBody(expected, status == 200);
    }
    return HttpResponse.BodySubscribers.replacing(new byte[0]);
  }

  static void checkStatus(URI target, HttpResponse<?> r, String what) throws IOException {
    int status = r.statusCode();
    if (status == 200 || status == 206) {
      return;
    }
    String msg = "HTTP " + status + " for " + what + " of " + target;
    if (status == 404 || status == 410) {
      throw HttpByteRangeReader.notFound(target, status);
    }
    if (status == 416) {
      throw new Retrier.TargetEndException(msg + ": the range is past the end of the target");
    }
    if (status == 429 || status >= 500) {
      throw new RetryableException(msg, retryAfter(r));
    }
    throw new Retrier.NonRetryableException(msg);
  }

  /** Checks that a reply carries exactly the bytes {@code [offset, offset + length)}. */
  static void checkRange(URI target, HttpResponse<byte[]> r, long offset, int length)
      throws IOException {
    long end = offset + length - 1;
    if (r.statusCode() == 200) {
      if (offset != 0 || r.body().length != length) {
        throw new Retrier.NonRetryableException(
            "the server of " + target + " ignored the Range header");
      }
      return;
    }
    ContentRange cr =
        ContentRange.parse(target, r.headers().firstValue("Content-Range").orElse(""), offset, end);
    if (cr.stopsBefore(offset, end) && cr.total() == cr.last() + 1) {
      throw new Retrier.TargetEndException(cr.targetEndsMessage(target, offset, end));
    }
    cr.requireExactly(target, offset, end);
    if (r.body().length != length) {
      throw new RetryableException(
          "truncated body for bytes "
              + offset
              + "-"
              + end
              + " of "
              + target
              + ": "
              + r.body().length
              + " of "
              + length
              + " bytes",
          null);
    }
  }

  /** The total length from a {@code Content-Range} reply. */
  static long totalLength(URI target, HttpResponse<?> r) throws IOException {
    Optional<ContentRange> range =
        ContentRange.of(r.headers().firstValue("Content-Range").orElse(""));
    if (r.statusCode() != 206 || range.isEmpty() || range.get().total() < 0) {
      throw new Retrier.NonRetryableException(
          "cannot tell the size of "
              + target
              + ": no Content-Length on HEAD and no total in Content-Range");
    }
    return range.get().total();
  }

  /** The ETag, else the Last-Modified time, else null. */
  static String identity(HttpResponse<?> r) {
    return r.headers()
        .firstValue("ETag")
        .map(e -> "ETag " + e)
        .orElse(
            r.headers().firstValue("Last-Modified").map(t -> "Last-Modified " + t).orElse(null));
  }

  static Duration retryAfter(HttpResponse<?> r) {
    String v = r.headers().firstValue("Retry-After").orElse(null);
    if (v == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim())));
    } catch (NumberFormatException e) {
      try {
        Duration d =
            Duration.between(
                ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException e2) {
        return null;
      }
    }
  }

  /**
   * Collects a body of at most {@code limit} bytes; a longer body fails instead of filling memory.
   */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final boolean wholeTarget;
    private final byte[] buf;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private int n;

    BoundedBody(int limit, boolean wholeTarget) {
      this.limit = limit;
      this.wholeTarget = wholeTarget;
      this.buf = new byte[limit];
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        if (result.isDone()) {
          return;
        }
        int r = b.remaining();
        if (n + r > limit) {
          subscription.cancel();
          result.completeExceptionally(
              wholeTarget
                  ? new Retrier.NonRetryableException(
                      "the server ignored the Range header (200 with a longer body)")
                  : new RetryableException(
                      "the body is longer than the " + limit + " bytes asked for", null));
          return;
        }
        b.get(buf, n, r);
        n += r;
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(n == limit ? buf : Arrays.copyOf(buf, n));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }
  }
}
