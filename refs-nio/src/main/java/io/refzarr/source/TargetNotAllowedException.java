package io.refzarr.source;

/**
 * A target outside the allow-list of the configuration ({@link AllowedTargets}): refused before any
 * request. {@link #getFile()} is the key, {@link #getOtherFile()} the target as written.
 */
public class TargetNotAllowedException extends ReferenceNotReachableException {
  private static final long serialVersionUID = 1L;

  public TargetNotAllowedException(String key, String target, String reason) {
    super(key, target, reason, null);
  }
}
