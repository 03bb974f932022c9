package io.refzarr.scan;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What a simple-parallel scan did, input by input (in input order).
 *
 * @param outcomes one per input
 */
public record ScanAllReport(List<Outcome> outcomes) implements Serializable {

  public ScanAllReport {
    outcomes = List.copyOf(outcomes);
  }

  /**
   * One input's scan.
   *
   * @param input the input's URL as given
   * @param output the output's file name in the output directory
   * @param report the scan's report; null if it failed
   * @param failure why the input failed; null if it was scanned
   */
  public record Outcome(String input, String output, ScanReport report, String failure)
      implements Serializable {
    public Outcome {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(output, "output");
      if ((report == null) == (failure == null)) {
        throw new IllegalArgumentException("an outcome has a report or a failure: " + input);
      }
    }

    public boolean failed() {
      return failure != null;
    }
  }

  /** The inputs scanned. */
  public List<Outcome> scanned() {
    return outcomes.stream().filter(o -> !o.failed()).toList();
  }

  /** The inputs that failed, each with the reason. */
  public List<Outcome> failed() {
    return outcomes.stream().filter(Outcome::failed).toList();
  }

  /** Objects left out by the scanners (under {@link ErrorPolicy#SKIP}), over all inputs. */
  public long skippedObjects() {
    return scanned().stream().mapToLong(o -> o.report().skipped().size()).sum();
  }

  /** One line: how many inputs were scanned, how many objects skipped, how many inputs failed. */
  public String summary() {
    return scanned().size()
        + " scanned, "
        + skippedObjects()
        + " skipped objects, "
        + failed().size()
        + " failed inputs";
  }
}
