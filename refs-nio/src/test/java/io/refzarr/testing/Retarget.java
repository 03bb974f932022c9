package io.refzarr.testing;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;

/**
 * Copies of reference sets with their targets moved (to an HTTP server, a bucket, into an archive).
 */
public final class Retarget {
  private Retarget() {}

  /**
   * {@code set} with every target string replaced by {@code move.apply(target)}; inline data kept.
   */
  public static ReferenceSet of(ReferenceSet set, UnaryOperator<String> move) throws IOException {
    ReferenceSetBuilder b = ReferenceSets.builder();
    try {
      set.keys()
          .forEach(
              k -> {
                try {
                  b.put(k, moved(set.get(k).orElseThrow(), move));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return b.build();
  }

  private static Reference moved(Reference r, UnaryOperator<String> move) {
    if (r instanceof Reference.Range) {
      Reference.Range range = (Reference.Range) r;
      return Reference.range(move.apply(range.target()), range.offset(), range.length());
    }
    if (r instanceof Reference.Whole) {
      return Reference.whole(move.apply(((Reference.Whole) r).target()));
    }
    return r;
  }
}
