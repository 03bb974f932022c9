package io.refzarr.combine;

import io.refzarr.refs.ReferenceSet;
import java.io.IOException;

/**
 * Rewrites each input's references before anything else looks at them (kerchunk's {@code
 * preprocess}).
 */
@FunctionalInterface
public interface Preprocessor {
  ReferenceSet apply(ReferenceSet input) throws IOException;
}
