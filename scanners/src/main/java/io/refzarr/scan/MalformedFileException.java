package io.refzarr.scan;

import java.io.IOException;

/**
 * A file to scan is not valid in its format: a truncated header, a size no file could hold, a field
 * out of range. The message names the file, the byte offset where the problem was found and what
 * was wrong.
 */
public class MalformedFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long offset;

  /**
   * @param file the file as the user named it
   * @param offset the byte offset the problem was found at, or -1 when it is not tied to one
   * @param reason what is wrong
   */
  public MalformedFileException(String file, long offset, String reason) {
    super(file + (offset >= 0 ? " (at byte " + offset + ")" : "") + ": " + reason);
    this.file = file;
    this.offset = offset;
  }

  /** The file as the user named it. */
  public String file() {
    return file;
  }

  /** The byte offset of the problem, or -1. */
  public long offset() {
    return offset;
  }
}
