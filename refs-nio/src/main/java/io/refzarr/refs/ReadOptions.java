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
 */
public record ReadOptions(Map<String, String> templateOverrides, long maxGeneratedReferences) {

  /** No overrides; {@code gen} may expand to at most 50,000,000 references. */
  public static final ReadOptions DEFAULT = new ReadOptions(Map.of(), 50_000_000L);

  public ReadOptions {
    templateOverrides = Map.copyOf(Objects.requireNonNull(templateOverrides, "templateOverrides"));
    if (maxGeneratedReferences < 0) {
      throw new IllegalArgumentException(
          "maxGeneratedReferences must be >= 0: " + maxGeneratedReferences);
    }
  }

  /** A copy with these template overrides. */
  public ReadOptions withTemplateOverrides(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(templateOverrides);
    merged.putAll(overrides);
    return new ReadOptions(merged, maxGeneratedReferences);
  }

  /** A copy with another limit on {@code gen} expansion. */
  public ReadOptions withMaxGeneratedReferences(long max) {
    return new ReadOptions(templateOverrides, max);
  }
}
