package io.refzarr.ops;

import io.refzarr.internal.json.Json;
import io.refzarr.zarr.ZarrArrayMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where the operations rewrite {@code .zarray} documents, on the parsed document
 * itself (every other field kept as it is). Kept apart so that it can move to a writable metadata
 * model.
 */
final class ZarrayEdits {
  private ZarrayEdits() {}

  /**
   * The {@code .zarray} of {@code array} as one uncompressed chunk holding the whole array, its
   * elements little-endian (as zarr-bridge decodes them); variable-length strings keep their {@code
   * vlen-utf8} filter.
   */
  static byte[] singleChunk(ZarrArrayMetadata array, boolean strings) {
    Map<String, Object> doc = new LinkedHashMap<>(array.document());
    List<Long> chunks = new ArrayList<>();
    for (long s : array.shape()) {
      chunks.add(Math.max(1, s));
    }
    doc.put("chunks", chunks);
    doc.put("compressor", null);
    doc.put("filters", strings ? List.of(Map.of("id", "vlen-utf8")) : null);
    doc.put("order", "C");
    if (array.dtype() instanceof String t && t.startsWith(">")) {
      doc.put("dtype", "<" + t.substring(1));
    }
    return Json.write(doc).getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code .zarray} of {@code array} with another chunk shape. */
  static byte[] withChunks(ZarrArrayMetadata array, long[] chunks) {
    Map<String, Object> doc = new LinkedHashMap<>(array.document());
    List<Long> list = new ArrayList<>();
    for (long c : chunks) {
      list.add(c);
    }
    doc.put("chunks", list);
    return Json.write(doc).getBytes(StandardCharsets.UTF_8);
  }
}
