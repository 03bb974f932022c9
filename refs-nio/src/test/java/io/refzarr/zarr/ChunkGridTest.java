package io.refzarr.zarr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkGridTest {

  @Test
  void flatIndex_isCOrderOverTheGrid() {
    ChunkGrid g = ChunkGrid.of(new long[] {10, 7}, new long[] {3, 2}, '.');
    assertThat(g.gridShape()).containsExactly(4, 4);
    assertThat(g.chunkCount()).isEqualTo(16);
    assertThat(g.flatIndex(new long[] {2, 3})).isEqualTo(11);
    assertThat(g.key(11)).isEqualTo("2.3");
    assertThat(g.parseKey("2.3")).hasValue(11);
    assertThat(g.index(11)).containsExactly(2, 3);
  }

  @Test
  void parseKey_rejectsNonCanonicalAndOutOfGridKeys() {
    ChunkGrid g = ChunkGrid.of(new long[] {10, 7}, new long[] {3, 2}, '.');
    assertThat(g.parseKey("4.0")).isEmpty();
    assertThat(g.parseKey("01.0")).isEmpty();
    assertThat(g.parseKey("1")).isEmpty();
    assertThat(g.parseKey("1.0.0")).isEmpty();
    assertThat(g.parseKey("1/0")).isEmpty();
    assertThat(g.parseKey("1.")).isEmpty();
    assertThat(g.parseKey("-1.0")).isEmpty();
  }

  @Test
  void scalarArray_hasOneChunkKeyedZero() {
    ChunkGrid g = ChunkGrid.of(new long[0], new long[0], '.');
    assertThat(g.chunkCount()).isEqualTo(1);
    assertThat(g.key(0)).isEqualTo("0");
    assertThat(g.parseKey("0")).hasValue(0);
  }

  @Test
  void hugeGrid_capsTheCountInsteadOfOverflowing() {
    long big = 1L << 40;
    ChunkGrid g = ChunkGrid.of(new long[] {big, big}, new long[] {1, 1}, '/');
    assertThat(g.chunkCount()).isEqualTo(Long.MAX_VALUE);
    assertThat(g.parseKey("5/7")).hasValue(5 * big + 7);
  }

  @Test
  void gridOfMoreThanLongMaxChunks_numbersOnlyTheChunksALongHolds() {
    long big = 1L << 62;
    ChunkGrid g = ChunkGrid.of(new long[] {big, big}, new long[] {1, 1}, '.');
    assertThat(g.flatIndex(new long[] {1, 5})).isEqualTo(big + 5);
    // 4 * 2^62 wrapped to 0 and named chunk 0.0's number
    assertThat(g.flatIndex(new long[] {4, 0})).isEqualTo(-1);
    assertThat(g.flatIndex(new long[] {2, big - 1})).isEqualTo(-1);
    assertThat(g.parseKey("4.0")).isEmpty();
    assertThat(g.contains("4.0")).isTrue();
    assertThat(g.contains("0.0")).isTrue();
    assertThat(g.contains(big + ".0")).isFalse();
    assertThat(g.contains("4.0.0")).isFalse();
    // indices of 19 digits: the last chunk a long numbers, and one past it
    assertThat(g.parseKey("1." + (big - 1))).hasValue(Long.MAX_VALUE);
    assertThat(g.parseKey("2." + (big - 1))).isEmpty();
    assertThat(g.contains("2." + (big - 1))).isTrue();
    assertThat(ChunkGrid.parseIndex("9223372036854775807", '.', 1)).containsExactly(Long.MAX_VALUE);
    assertThat(ChunkGrid.parseIndex("9223372036854775808", '.', 1)).isNull();
    // the chunk numbered Long.MAX_VALUE has a key, though the count is capped there
    assertThat(g.hasFlat(Long.MAX_VALUE)).isTrue();
    assertThat(g.key(Long.MAX_VALUE)).isEqualTo("1." + (big - 1));
    ChunkGrid exact = ChunkGrid.of(new long[] {Long.MAX_VALUE}, new long[] {1}, '.');
    assertThat(exact.chunkCount()).isEqualTo(Long.MAX_VALUE);
    assertThat(exact.hasFlat(Long.MAX_VALUE - 1)).isTrue();
    assertThat(exact.hasFlat(Long.MAX_VALUE)).isFalse();
  }

  @Test
  void of_rejectsBadShapes() {
    assertThatThrownBy(() -> ChunkGrid.of(new long[] {3}, new long[] {0}, '.'))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChunkGrid.of(new long[] {3}, new long[] {1, 1}, '.'))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
