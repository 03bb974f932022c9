package io.refzarr.source;

import java.time.Duration;
import java.util.Objects;

/**
 * How remote sources retry transient failures (timeouts, connection resets, 5xx and 429 replies,
 * short or mismatched bodies): up to {@code maxAttempts} attempts in all, waiting {@code baseDelay
 * * 2^(n-1)} between them, capped at {@code maxDelay}; a server's {@code Retry-After} is honoured
 * up to {@code maxDelay}.
 *
 * @param maxAttempts attempts in all, at least 1 (1 means no retry)
 * @param baseDelay the wait before the first retry
 * @param maxDelay the longest wait between two attempts
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** Four attempts, 100 ms first wait, at most 5 s between attempts. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(5));

  public RetryPolicy {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException(
          "retry delays must not be negative: " + baseDelay + ", " + maxDelay);
    }
  }

  /**
   * The policy in source options {@code <prefix>.maxAttempts}, {@code .retryBaseDelayMs}, {@code
   * .retryMaxDelayMs}.
   */
  public static RetryPolicy fromOptions(SourceContext context, String prefix) {
    return new RetryPolicy(
        (int) context.longOption(prefix + ".maxAttempts", DEFAULT.maxAttempts),
        context.durationOption(prefix + ".retryBaseDelayMs", DEFAULT.baseDelay),
        context.durationOption(prefix + ".retryMaxDelayMs", DEFAULT.maxDelay));
  }

  /** The wait before attempt {@code attempt + 1} (attempts count from 1). */
  Duration backoff(int attempt, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
    }
    long millis = baseDelay.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }
}
