package io.refzarr.ops;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
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
}
