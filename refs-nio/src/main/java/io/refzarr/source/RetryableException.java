package io.refzarr.source;

import java.io.IOException;
import java.time.Duration;

/**
 * A failure worth another attempt: a 5xx or 429 reply, or a response whose body or headers do not
 * match the request. Carries the server's {@code Retry-After}, if any. Thrown by readers to their
 * retry loop; reported to callers as the cause of the final failure.
 */
public class RetryableException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Duration retryAfter;

  public RetryableException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** The wait the server asked for, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
