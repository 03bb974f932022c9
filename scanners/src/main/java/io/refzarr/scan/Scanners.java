package io.refzarr.scan;

import java.util.List;
import java.util.Optional;

/** The built-in scanners. */
public final class Scanners {
  private Scanners() {}

  /** Every built-in scanner. */
  public static List<Scanner> all() {
    return List.of();
  }

  /** The scanner whose format {@code head} (a file's first bytes) has, if any. */
  public static Optional<Scanner> forHead(byte[] head) {
    return all().stream().filter(s -> s.recognizes(head)).findFirst();
  }
}
