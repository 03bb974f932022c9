package io.refzarr.refs;

import java.io.IOException;

/**
 * A reference set that cannot be read: malformed JSON, an unknown version, a bad value, an unknown
 * template or a {@code gen} block that is malformed or too large. The message names the source, and
 * the key or JSON pointer, and what is wrong.
 */
public class InvalidReferenceSetException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String location;

  /**
   * @param source the reference set (file or URL) being read
   * @param location the key or JSON pointer of the bad value ({@code ""} for the whole document)
   * @param reason what is wrong
   */
  public InvalidReferenceSetException(String source, String location, String reason) {
    this(source, location, reason, null);
  }

  public InvalidReferenceSetException(
      String source, String location, String reason, Throwable cause) {
    super(source + (location.isEmpty() ? "" : " at " + location) + ": " + reason, cause);
    this.source = source;
    this.location = location;
  }

  /** The reference set being read. */
  public String source() {
    return source;
  }

  /** The key or JSON pointer of the bad value. */
  public String location() {
    return location;
  }
}
