package io.refzarr.ops;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.stream.Stream;

/** Visits every key of a set with its reference, in the set's key order, one at a time. */
final class KeyWalk {
  private KeyWalk() {}

  /** What to do with one key. */
  @FunctionalInterface
  interface Visitor {
    void visit(String key, Reference ref) throws IOException;
  }

  /** The reference a key gets in the output: {@code ref} itself when it stays as it is. */
  @FunctionalInterface
  interface Rewrite {
    Reference apply(String key, Reference ref) throws IOException;
  }

  static void forEach(ReferenceSet set, Visitor visitor) throws IOException {
    try (Stream<String> keys = set.keys()) {
      Iterator<String> it = keys.iterator();
      while (it.hasNext()) {
        String key = it.next();
        Reference ref =
            set.get(key).orElseThrow(() -> new IOException("key vanished while reading: " + key));
        visitor.visit(key, ref);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Puts every key of {@code set} into {@code sink} as {@code rewrite} makes it; the summary counts
   * the keys and those whose reference changed (another instance than the input's).
   */
  static Summary rewrite(ReferenceSet set, ReferenceSink sink, Rewrite rewrite) throws IOException {
    long[] counts = new long[2];
    forEach(
        set,
        (key, ref) -> {
          counts[0]++;
          Reference out = rewrite.apply(key, ref);
          if (out != ref) {
            counts[1]++;
          }
          sink.put(key, out);
        });
    return new Summary(counts[0], counts[1], 0);
  }
}
