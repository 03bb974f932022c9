package io.refzarr.source;

import java.nio.file.FileSystemException;

/**
 * The bytes of a key could not be read from its target: the target is missing, unreachable, shorter
 * than the reference says, or failed otherwise. {@link #getFile()} is the key, {@link
 * #getOtherFile()} the target, and the reason says what went wrong. This is deliberately not a
 * {@link java.nio.file.NoSuchFileException}: Zarr readers take that to mean "missing chunk, use the
 * fill value", which would silently turn an unreachable target into fill values.
 */
public class ReferenceNotReachableException extends FileSystemException {
  private static final long serialVersionUID = 1L;

  public ReferenceNotReachableException(String key, String target, String reason, Throwable cause) {
    super(key, target, reason);
    if (cause != null) {
      initCause(cause);
    }
  }
}
