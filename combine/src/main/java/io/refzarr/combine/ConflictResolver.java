package io.refzarr.combine;

import java.util.List;

/**
 * Decides what an output array gets when inputs disagree on dtype, codecs, fill value or a CF
 * encoding attribute. The default {@link #fail()} refuses; anything else is the caller's explicit
 * choice, never a silent first-wins. Chunk shapes are never resolvable (Zarr v2 has one chunk shape
 * per array).
 */
@FunctionalInterface
public interface ConflictResolver {

  /** Returned by {@link #resolve} to leave an attribute out of the output. */
  Object DROP =
      new Object() {
        @Override
        public String toString() {
          return "DROP";
        }
      };

  /**
   * The value to write (a JSON tree value) or {@link #DROP} for an attribute.
   *
   * @throws CombineException to refuse the combine
   */
  Object resolve(Conflict conflict) throws CombineException;

  /** Refuses every conflict (the default). */
  static ConflictResolver fail() {
    return c -> {
      throw new CombineException(CombineException.Reason.CONFLICT, c.inputs(), c.toString());
    };
  }

  /**
   * Takes the value of the input first in coordinate order (independent of the order inputs are
   * given).
   */
  static ConflictResolver useFirst() {
    return Conflict::first;
  }

  /** Drops conflicting attributes; refuses conflicts of dtype, codecs, fill value or order. */
  static ConflictResolver dropAttributes() {
    return c -> {
      if (c.attribute()) {
        return DROP;
      }
      throw new CombineException(CombineException.Reason.CONFLICT, c.inputs(), c.toString());
    };
  }

  /** Applies this resolver to the fields named, and {@code other} to the rest. */
  default ConflictResolver forFields(List<String> fields, ConflictResolver other) {
    return c -> fields.contains(c.field()) ? resolve(c) : other.resolve(c);
  }
}
