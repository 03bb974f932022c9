package io.refzarr.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void parse_closedRange_isPartialClampedToSize() {
    assertThat(ByteRange.parse("bytes=2-5", 10))
        .isEqualTo(new ByteRange.Partial(new ByteRange(2, 4)));
    assertThat(ByteRange.parse("bytes=8-100", 10))
        .isEqualTo(new ByteRange.Partial(new ByteRange(8, 2)));
  }

  @Test
  void parse_openAndSuffixRanges_countFromTheEnds() {
    assertThat(ByteRange.parse("bytes=7-", 10))
        .isEqualTo(new ByteRange.Partial(new ByteRange(7, 3)));
    assertThat(ByteRange.parse("bytes=-3", 10))
        .isEqualTo(new ByteRange.Partial(new ByteRange(7, 3)));
    assertThat(ByteRange.parse("bytes=-30", 10))
        .isEqualTo(new ByteRange.Partial(new ByteRange(0, 10)));
  }

  @Test
  void parse_startPastEnd_isUnsatisfiable() {
    assertThat(ByteRange.parse("bytes=10-20", 10)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=-0", 10)).isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @Test
  void parse_absentMalformedOrMultiple_isWhole() {
    for (String h :
        new String[] {
          null, "", "items=0-1", "bytes=5-2", "bytes=a-b", "bytes=0-1,4-5", "bytes=--2"
        }) {
      assertThat(ByteRange.parse(h, 10)).as(String.valueOf(h)).isInstanceOf(ByteRange.Whole.class);
    }
  }

  @Test
  void contentRange_namesInclusiveEndAndSize() {
    assertThat(new ByteRange(2, 4).contentRange(10)).isEqualTo("bytes 2-5/10");
  }
}
