package io.refzarr.combine;

/**
 * Progress of a long combine, reported after each batch of inputs: from worker threads in the first
 * pass (so implementations must be thread-safe), from the combining thread in the second.
 */
@FunctionalInterface
public interface ProgressListener {

  /** The passes of a combine. */
  enum Phase {
    /** First pass: coordinates and metadata. */
    COORDINATES,
    /** Second pass: references streamed to the output. */
    REFERENCES
  }

  /** {@code done} of {@code total} inputs of {@code phase} are finished. */
  void progress(Phase phase, int done, int total);

  /** Ignores progress. */
  ProgressListener NONE = (phase, done, total) -> {};
}
