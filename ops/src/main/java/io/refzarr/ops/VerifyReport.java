package io.refzarr.ops;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link ReferenceOps#verify}: counts per array (per directory of keys; {@code ""} is
 * the root) and the failures.
 *
 * @param arrays counts per directory, in the set's key order
 * @param failureCount every failure found
 * @param failures the first failures found ({@link VerifyOptions#maxListedFailures} at most)
 */
public record VerifyReport(
    Map<String, ArrayCounts> arrays, long failureCount, List<Failure> failures) {

  /** What was checked in one directory. */
  public record ArrayCounts(long references, long decoded, long failed) {}

  /** One reference that does not hold: its key, target ({@code ""} for inline bytes) and why. */
  public record Failure(String key, String target, String reason) {
    public Failure {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return key + " -> " + (target.isEmpty() ? "(inline)" : target) + ": " + reason;
    }
  }

  public VerifyReport {
    arrays = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arrays));
    failures = List.copyOf(failures);
  }

  /** Whether every reference held. */
  public boolean ok() {
    return failureCount == 0;
  }

  /** The references checked, over all directories. */
  public long references() {
    return arrays.values().stream().mapToLong(ArrayCounts::references).sum();
  }
}
