package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.object.message.FilterPipelineMessage.FilterInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Filter pipelines whose files the corpus does not have (Blosc, Zstandard, misplaced Fletcher-32,
 * szip), mapped from their documented client values: hdf5-blosc stores (filter revision, blosc
 * version, type size, chunk bytes, clevel, shuffle, compressor code); the Zstandard plugin stores
 * the level first.
 */
class FilterMapperTest {

  @Test
  void map_bloscWithZstdCompressor_bloscCodecWithNameLevelAndShuffle() {
    FilterPlan plan =
        FilterMapper.map(
            List.of(new FilterInfo(32001, "blosc", true, new int[] {2, 2, 4, 40000, 7, 2, 5})), 4);
    assertThat(plan.supported()).isTrue();
    assertThat(plan.codecs())
        .containsExactly(
            Map.of("id", "blosc", "cname", "zstd", "clevel", 7L, "shuffle", 2L, "blocksize", 0L));
  }

  @Test
  void map_zstdAfterShuffle_bothCodecsInPipelineOrder() {
    FilterPlan plan =
        FilterMapper.map(
            List.of(
                new FilterInfo(2, "shuffle", false, new int[0]),
                new FilterInfo(32015, "zstd", true, new int[] {9})),
            8);
    assertThat(plan.codecs())
        .containsExactly(
            Map.of("id", "shuffle", "elementsize", 8L), Map.of("id", "zstd", "level", 9L));
  }

  @Test
  void map_fletcherLast_cutFromRangesNotACodec() {
    FilterPlan plan =
        FilterMapper.map(
            List.of(
                new FilterInfo(1, "deflate", false, new int[] {4}),
                new FilterInfo(3, "fletcher32", false, new int[0])),
            8);
    assertThat(plan.codecs()).containsExactly(Map.of("id", "zlib", "level", 4L));
    assertThat(plan.checksumBytes(0)).isEqualTo(4);
    assertThat(plan.checksumBytes(0b10)).as("checksum skipped for this chunk").isZero();
    assertThat(plan.fullyFiltered(0b10)).isTrue();
    assertThat(plan.fullyFiltered(0b01)).isFalse();
  }

  @Test
  void map_fletcherBeforeAnotherFilter_unsupported() {
    FilterPlan plan =
        FilterMapper.map(
            List.of(
                new FilterInfo(3, "fletcher32", false, new int[0]),
                new FilterInfo(1, "deflate", false, new int[] {4})),
            8);
    assertThat(plan.supported()).isFalse();
    assertThat(plan.unsupported()).singleElement().asString().contains("fletcher32");
  }

  @Test
  void map_szipAndLzf_unsupportedByName() {
    FilterPlan plan =
        FilterMapper.map(
            List.of(
                new FilterInfo(4, "szip", false, new int[] {4, 32}),
                new FilterInfo(32000, "lzf", true, new int[0])),
            4);
    assertThat(plan.unsupported()).containsExactly("szip", "lzf");
  }
}
