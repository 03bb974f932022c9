package io.refzarr.scan;

import java.util.OptionalInt;

/**
 * Options of a scan.
 *
 * @param inlineThreshold chunks smaller than this many bytes are embedded in the references; empty for
 *     the scanner's default (500 for HDF5, 100 for netCDF3, as kerchunk); 0 embeds nothing
 * @param errorPolicy what to do with objects that cannot be referenced
 */
public record ScanOptions(OptionalInt inlineThreshold, ErrorPolicy errorPolicy) {

  /** Each scanner's default inline threshold; fail on objects that cannot be referenced. */
  public static final ScanOptions DEFAULT = new ScanOptions(OptionalInt.empty(), ErrorPolicy.FAIL);

  public ScanOptions {
    if (inlineThreshold.isPresent() && inlineThreshold.getAsInt() < 0) {
      throw new IllegalArgumentException("inlineThreshold must be >= 0: " + inlineThreshold.getAsInt());
    }
    java.util.Objects.requireNonNull(errorPolicy, "errorPolicy");
  }

  /** A copy with this inline threshold. */
  public ScanOptions withInlineThreshold(int bytes) {
    return new ScanOptions(OptionalInt.of(bytes), errorPolicy);
  }

  /** A copy with this error policy. */
  public ScanOptions withErrorPolicy(ErrorPolicy policy) {
    return new ScanOptions(inlineThreshold, policy);
  }

  /** The inline threshold, or the scanner's default. */
  public int inlineThresholdOr(int scannerDefault) {
    return inlineThreshold.orElse(scannerDefault);
  }
}
