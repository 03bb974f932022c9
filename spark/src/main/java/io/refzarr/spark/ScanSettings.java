package io.refzarr.spark;

import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanOptions;
import java.io.Serializable;
import java.util.Objects;

/**
 * {@link ScanOptions} in a form that travels to executors. The error policy also decides what a
 * failed input does: fail the job, or skip it and report it.
 *
 * @param inlineThreshold the scanners' inline threshold, or null for each scanner's default
 */
public record ScanSettings(Integer inlineThreshold, ErrorPolicy errorPolicy, boolean enumLabels)
    implements Serializable {

  /** The scanners' defaults; fail on the first input that fails. */
  public static final ScanSettings DEFAULT = of(ScanOptions.DEFAULT);

  public ScanSettings {
    Objects.requireNonNull(errorPolicy, "errorPolicy");
    options(inlineThreshold, errorPolicy, enumLabels); // validates
  }

  public static ScanSettings of(ScanOptions o) {
    Integer inline = o.inlineThreshold().isPresent() ? o.inlineThreshold().getAsInt() : null;
    return new ScanSettings(inline, o.errorPolicy(), o.enumLabels());
  }

  public ScanOptions options() {
    return options(inlineThreshold, errorPolicy, enumLabels);
  }

  private static ScanOptions options(Integer inline, ErrorPolicy policy, boolean enumLabels) {
    ScanOptions o = ScanOptions.DEFAULT.withErrorPolicy(policy).withEnumLabels(enumLabels);
    return inline == null ? o : o.withInlineThreshold(inline);
  }
}
