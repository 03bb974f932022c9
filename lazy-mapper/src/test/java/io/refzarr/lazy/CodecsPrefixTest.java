package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/** {@link Codecs#decompressPrefix}: a zstd page decompressed only as far as a lookup needs. */
class CodecsPrefixTest {
  private static final int ZSTD = 6;

  @Test
  void decompressPrefix_anyPrefix_isThatPrefixOfThePage() throws IOException {
    byte[] page = new byte[800_000]; // offsets of 100,000 rows: climbing int64s
    java.nio.ByteBuffer.wrap(page)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .asLongBuffer()
        .put(new Random(5).longs(100_000, 0, 1L << 40).sorted().toArray());
    byte[] compressed = Codecs.compress(CompressionCodecName.ZSTD, page);
    for (int prefix : new int[] {0, 1, 8, 4_096, 131_072, 400_000, 799_999}) {
      byte[] out = Codecs.decompressPrefix(ZSTD, compressed, page.length, prefix);
      assertThat(out).as("prefix %d", prefix).hasSize(prefix);
      assertThat(out).isEqualTo(Arrays.copyOf(page, prefix));
    }
    // the same thread's context still decompresses whole pages afterwards
    assertThat(Codecs.decompress(ZSTD, compressed, page.length)).isEqualTo(page);
    assertThat(Codecs.decompressPrefix(ZSTD, compressed, page.length, page.length)).isEqualTo(page);
  }

  @Test
  void decompressPrefix_truncatedPage_isIOException() throws IOException {
    byte[] page = new byte[100_000];
    new Random(9).nextBytes(page);
    byte[] compressed = Codecs.compress(CompressionCodecName.ZSTD, page);
    byte[] cut = Arrays.copyOf(compressed, compressed.length / 2);
    assertThatThrownBy(() -> Codecs.decompressPrefix(ZSTD, cut, page.length, 90_000))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("zstd");
  }
}
