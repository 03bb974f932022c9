package io.refzarr.internal.refs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LazyStreamsTest {

  @Test
  void iterator_pullsOneElementAtATime() {
    AtomicLong produced = new AtomicLong();
    Stream<Long> s =
        LazyStreams.flatMap(
            Stream.of(10_000_000L, 5L),
            n -> LongStream.range(0, n).peek(x -> produced.incrementAndGet()).boxed());
    Iterator<Long> it = s.iterator();
    assertThat(List.of(it.next(), it.next(), it.next())).containsExactly(0L, 1L, 2L);
    assertThat(produced.get()).isLessThan(100); // the JDK's flatMap buffers all 10,000,000 here
  }

  @Test
  void flatMap_givesEveryElementInOrder_andClosesEachInnerStream() {
    List<String> closed = new ArrayList<>();
    List<String> out;
    try (Stream<String> s =
        LazyStreams.flatMap(
            Stream.of("a", "", "b").onClose(() -> closed.add("outer")),
            p ->
                Stream.of(p + 1, p + 2).filter(x -> x.length() > 1).onClose(() -> closed.add(p)))) {
      out = s.collect(Collectors.toList());
      assertThat(closed).containsExactly("a", "", "b");
    }
    assertThat(out).containsExactly("a1", "a2", "b1", "b2");
    assertThat(closed).containsExactly("a", "", "b", "outer");
  }

  @Test
  void close_midway_closesTheOpenInnerStream() {
    List<String> closed = new ArrayList<>();
    Stream<String> s =
        LazyStreams.flatMap(
            Stream.of("a", "b"), p -> Stream.of(p + 1, p + 2).onClose(() -> closed.add(p)));
    assertThat(s.iterator().next()).isEqualTo("a1");
    s.close();
    assertThat(closed).containsExactly("a");
  }
}
