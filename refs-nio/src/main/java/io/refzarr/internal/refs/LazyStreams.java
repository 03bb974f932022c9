package io.refzarr.internal.refs;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@link Stream#flatMap} that stays lazy when the result is pulled ({@code iterator()}, {@code
 * tryAdvance}): the JDK's flatMap pushes a whole inner stream into a buffer before the first of its
 * elements is handed out, so iterating the keys of a set with a million-chunk array held a million
 * keys at once. Here one element is in flight at a time.
 */
public final class LazyStreams {
  private LazyStreams() {}

  /**
   * The elements of {@code inner(t)} for each {@code t} of {@code outer}, in order. Each inner
   * stream is closed when it is used up; closing the result closes the open inner stream and {@code
   * outer}.
   */
  public static <T, R> Stream<R> flatMap(
      Stream<T> outer, Function<? super T, ? extends Stream<? extends R>> inner) {
    Flattening<T, R> f = new Flattening<>(outer.iterator(), inner);
    return StreamSupport.stream(f, false).onClose(f::closeCurrent).onClose(outer::close);
  }

  private static final class Flattening<T, R> extends Spliterators.AbstractSpliterator<R> {
    private final Iterator<T> outer;
    private final Function<? super T, ? extends Stream<? extends R>> inner;
    private Stream<? extends R> current;
    private Spliterator<? extends R> elements;

    Flattening(Iterator<T> outer, Function<? super T, ? extends Stream<? extends R>> inner) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.outer = outer;
      this.inner = inner;
    }

    @Override
    public boolean tryAdvance(Consumer<? super R> action) {
      while (elements == null || !elements.tryAdvance(action)) {
        closeCurrent();
        if (!outer.hasNext()) {
          return false;
        }
        current = inner.apply(outer.next());
        elements = current.spliterator();
      }
      return true;
    }

    @Override
    public void forEachRemaining(Consumer<? super R> action) {
      while (tryAdvance(action)) {
        // one element per call, pulled
      }
    }

    void closeCurrent() {
      if (current != null) {
        Stream<? extends R> s = current;
        current = null;
        elements = null;
        s.close();
      }
    }
  }
}
