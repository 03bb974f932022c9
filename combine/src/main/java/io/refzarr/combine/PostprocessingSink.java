package io.refzarr.combine;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSink;
import java.io.IOException;

/** Passes every key through the caller's {@link Postprocessor} on its way to the real sink. */
final class PostprocessingSink implements ReferenceSink {
  private final ReferenceSink sink;
  private final Postprocessor post;

  PostprocessingSink(ReferenceSink sink, Postprocessor post) {
    this.sink = sink;
    this.post = post;
  }

  @Override
  public void put(String key, Reference ref) throws IOException {
    post.accept(key, ref, sink);
  }

  @Override
  public void close() {
    // the caller owns the sink
  }
}
