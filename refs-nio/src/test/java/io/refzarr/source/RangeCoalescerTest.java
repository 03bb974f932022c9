package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeCoalescerTest {
  private static final URI T = URI.create("http://127.0.0.1/x");

  private static ByteRange r(long off, int len) {
    return new ByteRange(T, off, len);
  }

  @Test
  void coalesce_gapWithinMaxGap_mergesIntoOneBlock() {
    List<RangeCoalescer.Block> b =
        RangeCoalescer.coalesce(List.of(r(200, 100), r(0, 100)), 100, 1000);
    assertThat(b).hasSize(1);
    assertThat(b.get(0).offset()).isZero();
    assertThat(b.get(0).end()).isEqualTo(300);
    assertThat(b.get(0).parts()).containsExactly(r(0, 100), r(200, 100));
  }

  @Test
  void coalesce_gapBeyondMaxGap_staysApart() {
    assertThat(RangeCoalescer.coalesce(List.of(r(0, 100), r(201, 100)), 100, 1000)).hasSize(2);
  }

  @Test
  void coalesce_blockWouldExceedMaxBlock_startsANewBlock() {
    List<RangeCoalescer.Block> b =
        RangeCoalescer.coalesce(List.of(r(0, 400), r(400, 400), r(800, 400)), 0, 800);
    assertThat(b).extracting(RangeCoalescer.Block::length).containsExactly(800, 400);
  }

  @Test
  void coalesce_containedAndOverlapping_joinEvenWithNegativeGap() {
    List<RangeCoalescer.Block> b =
        RangeCoalescer.coalesce(List.of(r(0, 100), r(10, 20), r(90, 30), r(121, 5)), -1, 1000);
    assertThat(b).extracting(RangeCoalescer.Block::length).containsExactly(120, 5);
  }
}
