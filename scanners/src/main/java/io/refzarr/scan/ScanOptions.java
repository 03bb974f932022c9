package io.refzarr.scan;

import java.util.OptionalInt;

/**
 * Options of a scan.
 *
 * @param inlineThreshold chunks smaller than this many bytes are embedded in the references; empty
 *     for the scanner's default (500 for HDF5, 100 for netCDF3, as kerchunk); 0 embeds nothing
 * @param errorPolicy what to do with objects that cannot be referenced
 * @param enumLabels keep the labels of HDF5 enum datasets as CF attributes {@code flag_values} and
 *     {@code flag_meanings} (off by default: kerchunk keeps no labels, and its attributes are
 *     matched exactly)
 */
public record ScanOptions(
    OptionalInt inlineThreshold, ErrorPolicy errorPolicy, boolean enumLabels) {

  /**
   * Each scanner's default inline threshold; objects that cannot be referenced are left out and
   * reported (as kerchunk, which warns and goes on; {@code withErrorPolicy(FAIL)} for strict
   * scans); no enum labels.
   */
  public static final ScanOptions DEFAULT =
      new ScanOptions(OptionalInt.empty(), ErrorPolicy.SKIP, false);

  public ScanOptions {
    if (inlineThreshold.isPresent() && inlineThreshold.getAsInt() < 0) {
      throw new IllegalArgumentException(
          "inlineThreshold must be >= 0: " + inlineThreshold.getAsInt());
    }
    java.util.Objects.requireNonNull(errorPolicy, "errorPolicy");
  }

  /** A copy with this inline threshold. */
  public ScanOptions withInlineThreshold(int bytes) {
    return new ScanOptions(OptionalInt.of(bytes), errorPolicy, enumLabels);
  }

  /** A copy with this error policy. */
  public ScanOptions withErrorPolicy(ErrorPolicy policy) {
    return new ScanOptions(inlineThreshold, policy, enumLabels);
  }

  /**
   * A copy that keeps (or not) enum labels: each HDF5 enum dataset (not the {@code FALSE}/{@code
   * TRUE} enum read as bool) gets the CF attributes {@code flag_values} (the enum's values,
   * ascending) and {@code flag_meanings} (its labels in the same order, joined by single spaces;
   * whitespace inside a label becomes {@code _}, as CF requires). Attributes of those names already
   * on the dataset are kept as they are.
   */
  public ScanOptions withEnumLabels(boolean keep) {
    return new ScanOptions(inlineThreshold, errorPolicy, keep);
  }

  /** The inline threshold, or the scanner's default. */
  public int inlineThresholdOr(int scannerDefault) {
    return inlineThreshold.orElse(scannerDefault);
  }
}
