package io.refzarr.spark;

import io.refzarr.combine.CombineException;
import io.refzarr.scan.InputScanException;
import java.io.IOException;

/**
 * A failed Spark job as the IOException of its cause: the first refzarr failure found in its chain.
 */
final class SparkFailures {
  private SparkFailures() {}

  static IOException unwrap(Exception e) {
    if (e instanceof IOException io) {
      return io;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InputScanException || t instanceof CombineException) {
        return new IOException("the Spark job failed: " + t.getMessage(), e);
      }
    }
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int trace = m.indexOf("\nDriver stacktrace:");
    return new IOException("the Spark job failed: " + (trace > 0 ? m.substring(0, trace) : m), e);
  }
}
