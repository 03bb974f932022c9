package io.refzarr.scan;

import java.io.IOException;

/**
 * A whole input could not be scanned (unreadable, not a known format, an object refused); names the
 * input.
 */
public final class InputScanException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String input;

  public InputScanException(String input, Throwable cause) {
    super("cannot scan " + input + ": " + cause.getMessage(), cause);
    this.input = input;
  }

  /** The input's URL as given. */
  public String input() {
    return input;
  }
}
