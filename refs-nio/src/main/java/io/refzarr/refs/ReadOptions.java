package io.refzarr.refs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options for reading a reference set.
 *
 * @param templateOverrides template values that replace (or add to) the set's own {@code
 *     templates}, for relocating data without rewriting the set
 * @param maxGeneratedReferences the most references that {@code gen} blocks may expand to,
 *     together; a larger {@code gen} is rejected before anything is expanded
 * @param maxGeneratedPlainReferences the most of those references that are not chunks of an array
 *     whose {@code .zarray} is in the set: chunks are stored in compact columns (about 20 bytes
 *     each), every other key as its own map entry (a few hundred bytes), so this second limit is
 *     what keeps a {@code gen} under the count limit from exhausting the heap
 */
public record ReadOptions(
    Map<String, String> templateOverrides,
    long maxGeneratedReferences,
    long maxGeneratedPlainReferences) {

  /**
   * The default of {@link #maxGeneratedPlainReferences}: one per 2 KiB of the maximum heap (so such
   * keys take about a tenth of it), at least 100,000 (262,144 with a 512 MiB heap).
   */
  public static final long DEFAULT_MAX_GENERATED_PLAIN_REFERENCES =
      Math.max(100_000L, Runtime.getRuntime().maxMemory() / 2048);

  /**
   * No overrides; {@code gen} may expand to at most 50,000,000 references, of which at most {@link
   * #DEFAULT_MAX_GENERATED_PLAIN_REFERENCES} that are not chunks of an array.
   */
  public static final ReadOptions DEFAULT =
      new ReadOptions(Map.of(), 50_000_000L, DEFAULT_MAX_GENERATED_PLAIN_REFERENCES);

  public ReadOptions {
    templateOverrides = Map.copyOf(Objects.requireNonNull(templateOverrides, "templateOverrides"));
    if (maxGeneratedReferences < 0) {
      throw new IllegalArgumentException(
          "maxGeneratedReferences must be >= 0: " + maxGeneratedReferences);
    }
    if (maxGeneratedPlainReferences < 0) {
      throw new IllegalArgumentException(
          "maxGeneratedPlainReferences must be >= 0: " + maxGeneratedPlainReferences);
    }
  }

  /** Options with the default {@link #maxGeneratedPlainReferences}. */
  public ReadOptions(Map<String, String> templateOverrides, long maxGeneratedReferences) {
    this(templateOverrides, maxGeneratedReferences, DEFAULT_MAX_GENERATED_PLAIN_REFERENCES);
  }

  /** A copy with these template overrides. */
  public ReadOptions withTemplateOverrides(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(templateOverrides);
    merged.putAll(overrides);
    return new ReadOptions(merged, maxGeneratedReferences, maxGeneratedPlainReferences);
  }

  /** A copy with another limit on {@code gen} expansion. */
  public ReadOptions withMaxGeneratedReferences(long max) {
    return new ReadOptions(templateOverrides, max, maxGeneratedPlainReferences);
  }

  /** A copy with another limit on {@code gen} references that are not chunks of an array. */
  public ReadOptions withMaxGeneratedPlainReferences(long max) {
    return new ReadOptions(templateOverrides, maxGeneratedReferences, max);
  }
}
