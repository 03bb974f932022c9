package io.refzarr.combine;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSink;
import java.io.IOException;

/**
 * Sees every output key on its way to the sink (kerchunk's {@code postprocess}, made streaming):
 * put the key unchanged, rewritten, several keys, or nothing.
 */
@FunctionalInterface
public interface Postprocessor {
  void accept(String key, Reference ref, ReferenceSink out) throws IOException;
}
