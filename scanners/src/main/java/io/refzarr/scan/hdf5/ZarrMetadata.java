package io.refzarr.scan.hdf5;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Zarr v2 metadata documents the scanner writes, in kerchunk's field order. */
final class ZarrMetadata {
  private ZarrMetadata() {}

  static Reference group() {
    return Reference.inline(Json.writeBytes(Map.of("zarr_format", 2L)));
  }

  static Reference attrs(Map<String, Object> attrs) {
    return Reference.inline(Json.writeBytes(attrs));
  }

  static Reference array(long[] shape, long[] chunks, Object dtype, Object fill,
      List<Map<String, Object>> filters) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("shape", longs(shape));
    doc.put("chunks", longs(chunks));
    doc.put("dtype", dtype);
    doc.put("fill_value", fill);
    doc.put("order", "C");
    doc.put("filters", filters.isEmpty() ? null : filters);
    doc.put("dimension_separator", ".");
    doc.put("compressor", null);
    doc.put("zarr_format", 2L);
    return Reference.inline(Json.writeBytes(doc));
  }

  private static List<Long> longs(long[] values) {
    List<Long> out = new ArrayList<>(values.length);
    for (long v : values) {
      out.add(v);
    }
    return out;
  }
}
