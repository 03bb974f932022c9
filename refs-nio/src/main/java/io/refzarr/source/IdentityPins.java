package io.refzarr.source;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity of each target (an ETag, a Last-Modified time, a size and modification time) as
 * first seen by one reader. A later read that sees another identity fails with {@link
 * TargetChangedException} rather than mixing bytes of two versions. Thread-safe.
 */
public final class IdentityPins {
  private final Map<URI, String> pins = new ConcurrentHashMap<>();

  /**
   * Pins {@code identity} for {@code target} if it is the first seen, else checks it. A null
   * identity (the source gave none) pins nothing and passes.
   *
   * @throws TargetChangedException if {@code target} was pinned to another identity
   */
  public void check(URI target, String identity) throws TargetChangedException {
    if (identity == null) {
      return;
    }
    String pinned = pins.putIfAbsent(target, identity);
    if (pinned != null && !pinned.equals(identity)) {
      throw new TargetChangedException(target.toString(), pinned, identity);
    }
  }
}
