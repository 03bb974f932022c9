package io.refzarr.refs;

import java.util.Objects;

/** Validates the target strings of references: no control characters. */
final class TargetCheck {
  // The last target found valid: scanners and readers repeat one target string for millions of
  // references, and strings are immutable, so identity proves it still valid.
  private static volatile String lastValid = Reference.DEFAULT_TARGET;

  private TargetCheck() {}

  static void check(String target) {
    Objects.requireNonNull(target, "target (use Reference.DEFAULT_TARGET for the default target)");
    if (target == lastValid) {
      return;
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(
            "target contains control character U+"
                + String.format("%04X", (int) c)
                + ": "
                + target);
      }
    }
    lastValid = target;
  }
}
