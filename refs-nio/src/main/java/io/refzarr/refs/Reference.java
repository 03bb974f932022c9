package io.refzarr.refs;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Where the bytes of one key live: {@link Inline} data, a {@link Range} of a target, or a {@link
 * Whole} target; the last two are the {@link Targeted} references. Values are validated once, at
 * construction.
 *
 * <p>Targets are kept as written in the reference set (a URL, an absolute or relative path, or a
 * chained URL such as {@code tar://member::file:///a.tar}); the file system resolves them when
 * reading. The empty string stands for the set's default target (a JSON {@code null} URL).
 */
public sealed interface Reference extends Serializable {

  /** The target string that means "the default target" (JSON {@code null}). */
  String DEFAULT_TARGET = "";

  /** The number of bytes this reference names, or -1 when unknown without asking the target. */
  long length();

  /** A reference to bytes of a target: a {@link Range} or a {@link Whole} target. */
  sealed interface Targeted extends Reference {
    /** The target as written in the set ({@link #DEFAULT_TARGET} for the default target). */
    String target();

    /** Where the bytes start in the target (0 for a whole target). */
    long offset();

    /** The same bytes of another target (to relocate a set). */
    Targeted withTarget(String target);
  }

  /** Literal bytes. */
  record Inline(byte[] data) implements Reference {
    public Inline {
      Objects.requireNonNull(data, "data");
    }

    @Override
    public long length() {
      return data.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Inline && Arrays.equals(data, ((Inline) o).data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return data.length <= 32
          ? "Inline[base64:" + Base64.getEncoder().encodeToString(data) + "]"
          : "Inline[" + data.length + " bytes]";
    }
  }

  /** {@code length} bytes of {@code target} starting at {@code offset}. */
  record Range(String target, long offset, long length) implements Targeted {
    public Range {
      checkTarget(target);
      if (offset < 0) {
        throw new IllegalArgumentException("negative offset " + offset + " for target " + target);
      }
      if (length < 0) {
        throw new IllegalArgumentException("negative length " + length + " for target " + target);
      }
      if (offset > Long.MAX_VALUE - length) {
        throw new IllegalArgumentException(
            "range [" + offset + ", +" + length + ") of " + target + " overflows a 64-bit offset");
      }
    }

    /** The first byte past the range. */
    public long end() {
      return offset + length;
    }

    @Override
    public Range withTarget(String target) {
      return new Range(target, offset, length);
    }
  }

  /** The whole of {@code target}; its size is known only by asking the target. */
  record Whole(String target) implements Targeted {
    public Whole {
      checkTarget(target);
    }

    @Override
    public long offset() {
      return 0;
    }

    @Override
    public Whole withTarget(String target) {
      return new Whole(target);
    }

    @Override
    public long length() {
      return -1;
    }
  }

  /** Inline bytes. */
  static Reference inline(byte[] data) {
    return new Inline(data);
  }

  /** A byte range of a target. */
  static Reference range(String target, long offset, long length) {
    return new Range(target, offset, length);
  }

  /** A whole target. */
  static Reference whole(String target) {
    return new Whole(target);
  }

  private static void checkTarget(String target) {
    TargetCheck.check(target);
  }
}
