package io.refzarr.ops;

import io.refzarr.zarr.DType;
import io.refzarr.zarr.ZarrArrayMetadata;
import java.util.List;
import java.util.Map;

/**
 * The one place where the operations rewrite {@code .zarray} documents, through the shared metadata
 * model ({@link ZarrArrayMetadata#toBuilder()}: every other field and the field order kept).
 */
final class ZarrayEdits {
  private ZarrayEdits() {}

  /**
   * The {@code .zarray} of {@code array} as one uncompressed chunk holding the whole array, its
   * elements little-endian (as zarr-bridge decodes them); variable-length strings keep their {@code
   * vlen-utf8} filter.
   */
  static byte[] singleChunk(ZarrArrayMetadata array, boolean strings) {
    long[] chunks = array.shape();
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = Math.max(1, chunks[i]);
    }
    ZarrArrayMetadata.Builder b =
        array.toBuilder()
            .chunks(chunks)
            .compressor(null)
            .filters(strings ? List.of(Map.of("id", "vlen-utf8")) : List.of())
            .set("order", "C");
    if (array.dtype().toJson() instanceof String t && t.startsWith(">")) {
      b.dtype(DType.parse("<" + t.substring(1)));
    }
    return b.build().toJson();
  }

  /**
   * The {@code .zarray} of {@code array} whose stored chunks got wrapped in one more encoding,
   * {@code outer}: it becomes the compressor, and the old compressor the last filter (Zarr v2
   * decodes the compressor first, then the filters in reverse order).
   */
  static byte[] withCompressorFirst(ZarrArrayMetadata array, Map<String, Object> outer) {
    List<Map<String, Object>> filters = new java.util.ArrayList<>(array.filters());
    if (array.compressor() != null) {
      filters.add(array.compressor());
    }
    return array.toBuilder().compressor(outer).filters(filters).build().toJson();
  }

  /** The {@code .zarray} of {@code array} with another chunk shape. */
  static byte[] withChunks(ZarrArrayMetadata array, long[] chunks) {
    return array.toBuilder().chunks(chunks).build().toJson();
  }
}
