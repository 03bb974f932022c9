package io.refzarr.combine;

import java.io.IOException;
import java.util.List;

/**
 * Inputs that cannot be combined correctly: misaligned along a concatenation dimension, disagreeing
 * in dtype, codecs, chunk shape or CF encoding, duplicated, or with unusable coordinates. The
 * message and {@link #inputs()} name the inputs involved, so nothing is ever combined into silently
 * wrong keys.
 */
public class CombineException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the inputs were refused. */
  public enum Reason {
    /** An input's extent along a concat dimension does not fit the output's chunk grid. */
    MISALIGNED,
    /** Chunk shapes of one array differ between inputs (Zarr v2 cannot express it). */
    CHUNK_MISMATCH,
    /** Shapes along non-concatenated dimensions, or dimension names, differ between inputs. */
    SHAPE_MISMATCH,
    /** dtype, codecs, fill value or a CF encoding attribute differ, and the resolver refused. */
    CONFLICT,
    /** Two inputs claim the same place in the output. */
    DUPLICATE,
    /** A coordinate could not be derived, decoded or compared. */
    BAD_COORDINATE,
    /** An input could not be opened or read. */
    UNREADABLE,
    /** Sets merged with merge_vars hold different references for one key. */
    KEY_COLLISION
  }

  private final Reason reason;
  private final List<String> inputs;

  public CombineException(Reason reason, List<String> inputs, String message) {
    this(reason, inputs, message, null);
  }

  public CombineException(Reason reason, List<String> inputs, String message, Throwable cause) {
    super(
        reason
            + ": "
            + message
            + (inputs.isEmpty() ? "" : " (inputs: " + String.join(", ", inputs) + ")"),
        cause);
    this.reason = reason;
    this.inputs = List.copyOf(inputs);
  }

  /** Why the inputs were refused. */
  public Reason reason() {
    return reason;
  }

  /** The names of the inputs involved. */
  public List<String> inputs() {
    return inputs;
  }
}
