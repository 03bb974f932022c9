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

  // Written out: a record's generated equals and hashCode bootstrap method handles on first use,
  // which costs a short CLI run milliseconds (every read looks ranges up in a map).
  @Override
  public boolean equals(Object o) {
    return o instanceof ByteRange r
        && offset == r.offset
        && length == r.length
        && target.equals(r.target);
  }

  @Override
  public int hashCode() {
    return (target.hashCode() * 31 + Long.hashCode(offset)) * 31 + length;
  }
}
