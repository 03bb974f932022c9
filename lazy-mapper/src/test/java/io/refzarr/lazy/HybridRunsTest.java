package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/** {@link HybridRuns} against parquet-java's own encoder of the RLE / bit-packing hybrid. */
class HybridRunsTest {

  @Test
  void decode_ofParquetJavasEncoding_givesTheValuesBackForEveryWidth() throws IOException {
    Random r = new Random(17);
    for (int width = 0; width <= 32; width++) {
      int[] values = new int[5_000];
      long bound = 1L << width;
      for (int i = 0; i < values.length; ) {
        // runs (RLE) and noise (bit-packed groups) in turn
        int v = width == 0 ? 0 : (int) (r.nextLong() & (bound - 1));
        int len = r.nextBoolean() ? 1 + r.nextInt(300) : 1;
        for (int k = 0; k < len && i < values.length; k++) {
          values[i++] = v;
        }
      }
      byte[] encoded = encode(values, width);
      int[] out = new int[values.length];
      HybridRuns.decode(encoded, 0, encoded.length, width, out, values.length);
      assertThat(out).as("width %d", width).isEqualTo(values);
    }
  }

  @Test
  void window_anywhereInTheRuns_givesTheSameValuesAndCountsTheSkippedOnes() throws IOException {
    Random r = new Random(23);
    for (int width : new int[] {0, 1, 3, 8, 17, 32}) {
      int[] values = new int[3_000];
      long bound = 1L << width;
      for (int i = 0; i < values.length; ) {
        int v = width == 0 ? 0 : (int) (r.nextLong() & (bound - 1));
        int len = r.nextBoolean() ? 1 + r.nextInt(300) : 1;
        for (int k = 0; k < len && i < values.length; k++) {
          values[i++] = v;
        }
      }
      byte[] encoded = encode(values, width);
      for (int t = 0; t < 200; t++) {
        int skip = r.nextInt(values.length);
        int count = r.nextInt(values.length - skip + 1);
        int counted = values[r.nextInt(values.length)] & Integer.MAX_VALUE; // -1 counts nothing
        int[] out = new int[count];
        int seen = HybridRuns.window(encoded, 0, encoded.length, width, skip, out, count, counted);
        assertThat(out)
            .as("width %d, skip %d", width, skip)
            .isEqualTo(Arrays.copyOfRange(values, skip, skip + count));
        assertThat(seen)
            .as("width %d, skip %d", width, skip)
            .isEqualTo((int) Arrays.stream(values, 0, skip).filter(v -> v == counted).count());
        int[] uncounted = new int[count]; // counting nothing: whole groups are jumped over
        assertThat(HybridRuns.window(encoded, 0, encoded.length, width, skip, uncounted, count, -1))
            .isZero();
        assertThat(uncounted).isEqualTo(out);
      }
    }
  }

  @Test
  void decode_ofAPrefix_stopsAtTheCount() throws IOException {
    int[] values = new int[100];
    Arrays.setAll(values, i -> i % 7);
    byte[] encoded = encode(values, 3);
    int[] out = new int[10];
    HybridRuns.decode(encoded, 0, encoded.length, 3, out, 10);
    assertThat(out).isEqualTo(Arrays.copyOf(values, 10));
  }

  @Test
  void decode_ofTruncatedRuns_isRefused() throws IOException {
    int[] values = new int[64];
    Arrays.setAll(values, i -> i);
    byte[] encoded = encode(values, 6);
    int[] out = new int[64];
    assertThatThrownBy(() -> HybridRuns.decode(encoded, 0, encoded.length - 3, 6, out, 64))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HybridRuns.decode(encoded, 0, encoded.length, 6, new int[65], 65))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 of 65");
  }

  @Test
  void bitWidth_ofLevels() {
    assertThat(HybridRuns.bitWidth(0)).isZero();
    assertThat(HybridRuns.bitWidth(1)).isEqualTo(1);
    assertThat(HybridRuns.bitWidth(2)).isEqualTo(2);
    assertThat(HybridRuns.bitWidth(255)).isEqualTo(8);
  }

  private static byte[] encode(int[] values, int width) throws IOException {
    try (RunLengthBitPackingHybridEncoder e =
        new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20, new HeapByteBufferAllocator())) {
      for (int v : values) {
        e.writeInt(v);
      }
      return e.toBytes().toByteArray();
    }
  }
}
