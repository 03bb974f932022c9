package io.refzarr.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What a {@link SparkScanCombine} run did.
 *
 * @param inputs inputs given
 * @param combined inputs scanned and combined into the output
 * @param failed inputs left out under {@link io.refzarr.scan.ErrorPolicy#SKIP}, each with the
 *     reason, in input order
 */
public record CombineReport(int inputs, int combined, List<FailedInput> failed)
    implements Serializable {

  public CombineReport {
    failed = List.copyOf(failed);
  }

  /** An input that could not be scanned or combined, and why. */
  public record FailedInput(int index, String input, String reason) implements Serializable {}

  /** One line: how many inputs were combined and how many failed. */
  public String summary() {
    return combined + " of " + inputs + " inputs combined, " + failed.size() + " failed";
  }
}
