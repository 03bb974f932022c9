package io.refzarr.ops;

/**
 * What {@link ReferenceOps#verify} checks beyond every reference's target and range.
 *
 * @param decode whether to read and decode chunks with their array's codecs (catches a target
 *     replaced by another file of the same size)
 * @param sample how many chunks per array to decode, spread evenly over the chunk grid
 * @param maxListedFailures how many failures the report keeps (all are counted, and all are passed
 *     to the caller's listener)
 */
public record VerifyOptions(boolean decode, int sample, int maxListedFailures) {

  /** Targets and ranges only; at most 1,000 failures listed. */
  public static final VerifyOptions DEFAULT = new VerifyOptions(false, 5, 1000);

  public VerifyOptions {
    if (sample <= 0) {
      throw new IllegalArgumentException("sample must be positive: " + sample);
    }
    if (maxListedFailures < 0) {
      throw new IllegalArgumentException("maxListedFailures must be >= 0: " + maxListedFailures);
    }
  }

  /** A copy that decodes {@code sample} chunks per array. */
  public VerifyOptions decoding(int sample) {
    return new VerifyOptions(true, sample, maxListedFailures);
  }
}
