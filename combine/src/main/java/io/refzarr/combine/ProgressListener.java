package io.refzarr.combine;

/** Progress of a long combine; called from the combining thread, after each batch of inputs. */
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
