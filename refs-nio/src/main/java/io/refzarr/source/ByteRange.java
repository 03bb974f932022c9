package io.refzarr.source;

import java.net.URI;
import java.util.Objects;

/**
 * {@code length} bytes of {@code target} from {@code offset}: one request of a multi-range read.
 */
public record ByteRange(URI target, long offset, int length) {
  public ByteRange {
    Objects.requireNonNull(target, "target");
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "bad range [" + offset + ", +" + length + ") of " + target);
    }
  }

  /** The first byte past the range. */
  public long end() {
    return offset + length;
  }
}
