package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** numpy-style selections. */
class SliceTest {
  private static final long[] SHAPE = {10, 20, 30};

  @Test
  void parse_rangesIndexAndSteps_giveOffsetsCountsAndStrides() {
    Slice s = Slice.parse("2:8,5,::4", SHAPE);

    assertThat(s.offset()).containsExactly(2, 5, 0);
    assertThat(s.count()).containsExactly(6, 1, 8);
    assertThat(s.stride()).containsExactly(1, 1, 4);
    assertThat(s.resultShape()).containsExactly(6, 8);
  }

  @Test
  void parse_negativePositionsAndMissingAxes_countFromEndAndTakeAll() {
    Slice s = Slice.parse("-3:,-1", SHAPE);

    assertThat(s.offset()).containsExactly(7, 19, 0);
    assertThat(s.count()).containsExactly(3, 1, 30);
    assertThat(s.resultShape()).containsExactly(3, 30);
  }

  @Test
  void parse_stopPastEndOrBeforeStart_clampsOrSelectsNothing() {
    assertThat(Slice.parse("5:100", SHAPE).count()[0]).isEqualTo(5);
    assertThat(Slice.parse("7:3", SHAPE).count()[0]).isZero();
  }

  @Test
  void parse_badSelections_areRejectedNamingThePart() {
    assertThatThrownBy(() -> Slice.parse("0:1:0", SHAPE))
        .hasMessageContaining("step must be positive");
    assertThatThrownBy(() -> Slice.parse("10", SHAPE))
        .hasMessageContaining("out of bounds for axis 0");
    assertThatThrownBy(() -> Slice.parse("a:b", SHAPE)).hasMessageContaining("'a:b'");
    assertThatThrownBy(() -> Slice.parse("0,0,0,0", SHAPE)).hasMessageContaining("4 axes");
  }
}
