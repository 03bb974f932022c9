package io.refzarr.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileSystemException;
import java.time.Duration;

/**
 * Runs one remote operation under a {@link RetryPolicy}. Transport failures and {@link
 * RetryableException}s are retried; file-system exceptions (missing target, changed target),
 * end-of-target and interrupts are not.
 */
final class Retrier {
  /** One attempt of the operation. */
  interface Attempt<T> {
    T run() throws IOException;
  }

  private final RetryPolicy policy;

  Retrier(RetryPolicy policy) {
    this.policy = policy;
  }

  <T> T run(String what, Attempt<T> attempt) throws IOException {
    IOException last = null;
    for (int n = 1; n <= policy.maxAttempts(); n++) {
      try {
        return attempt.run();
      } catch (IOException e) {
        if (!retryable(e)) {
          throw e;
        }
        if (last != null) {
          e.addSuppressed(last);
        }
        last = e;
        if (n < policy.maxAttempts()) {
          sleep(
              policy.backoff(
                  n,
                  e instanceof RetryableException ? ((RetryableException) e).retryAfter() : null));
        }
      }
    }
    IOException failure =
        new IOException(
            what
                + " failed after "
                + policy.maxAttempts()
                + " attempt"
                + (policy.maxAttempts() == 1 ? "" : "s")
                + ": "
                + last.getMessage(),
            last);
    throw failure;
  }

  static boolean retryable(IOException e) {
    if (e instanceof InterruptedIOException
        && !(e instanceof java.net.http.HttpTimeoutException)
        && !(e instanceof java.net.SocketTimeoutException)) {
      return false;
    }
    if (e instanceof FileSystemException || e instanceof TargetEndException || untrusted(e)) {
      return false;
    }
    if (e instanceof EOFException) {
      return true; // a connection closed mid-body (our own end-of-target is TargetEndException)
    }
    return !(e instanceof NonRetryableException);
  }

  /** A TLS failure caused by the certificate: the next attempt would see the same certificate. */
  private static boolean untrusted(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  private static void sleep(Duration d) throws InterruptedIOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /** The target ends before the requested range does: not retried. */
  static final class TargetEndException extends EOFException {
    private static final long serialVersionUID = 1L;

    TargetEndException(String message) {
      super(message);
    }
  }

  /** A definite failure (a 4xx reply, a server that ignores ranges): not retried. */
  static final class NonRetryableException extends IOException {
    private static final long serialVersionUID = 1L;

    NonRetryableException(String message) {
      super(message);
    }
  }
}
