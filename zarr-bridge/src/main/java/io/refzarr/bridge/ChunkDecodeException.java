package io.refzarr.bridge;

import java.io.IOException;

/**
 * A chunk whose bytes could not be decoded: corrupt stream, wrong decoded size or checksum
 * mismatch.
 */
public final class ChunkDecodeException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String array;
  private final String chunk;

  ChunkDecodeException(String array, String chunk, Throwable cause) {
    super("array '" + array + "' chunk '" + chunk + "': " + reason(cause), cause);
    this.array = array;
    this.chunk = chunk;
  }

  /**
   * A chunk of {@code array} read from {@code target} that could not be decoded (the decoded view
   * names the target, since its reader sees only a failed read).
   */
  public ChunkDecodeException(String array, String chunk, String target, Throwable cause) {
    super(
        "array '" + array + "' chunk '" + chunk + "' (target " + target + "): " + reason(cause),
        cause);
    this.array = array;
    this.chunk = chunk;
  }

  private static String reason(Throwable cause) {
    return cause instanceof IOException ? cause.getMessage() : "decoding failed: " + cause;
  }

  /** The array path. */
  public String array() {
    return array;
  }

  /** The chunk key, such as {@code 0.3}. */
  public String chunk() {
    return chunk;
  }
}
