package io.refzarr.spark;

import io.refzarr.combine.CombinePlanner;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** What travels up the tree: the partial layout of some inputs and those of them that failed. */
record Part(CombinePlanner.Partial partial, List<CombineReport.FailedInput> failed)
    implements Serializable {

  static final Part EMPTY = new Part(CombinePlanner.Partial.empty(), List.of());

  /** Merges two parts (as {@link CombinePlanner#merge}, so {@code a}'s partial may be reused). */
  static Part merge(Part a, Part b) throws java.io.IOException {
    List<CombineReport.FailedInput> failed = new ArrayList<>(a.failed);
    failed.addAll(b.failed);
    return new Part(CombinePlanner.merge(a.partial, b.partial), failed);
  }
}
