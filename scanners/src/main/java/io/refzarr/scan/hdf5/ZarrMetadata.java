package io.refzarr.scan.hdf5;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.zarr.DType;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrGroupMetadata;
import java.util.List;
import java.util.Map;

/** The Zarr v2 metadata documents the scanner writes, in kerchunk's field order. */
final class ZarrMetadata {
  private ZarrMetadata() {}

  static Reference group() {
    return Reference.inline(ZarrGroupMetadata.toJson());
  }

  static Reference attrs(Map<String, Object> attrs) {
    return Reference.inline(Json.writeBytes(attrs));
  }

  static Reference array(
      long[] shape, long[] chunks, DType dtype, Object fill, List<Map<String, Object>> filters) {
    return Reference.inline(
        ZarrArrayMetadata.builder()
            .shape(shape)
            .chunks(chunks)
            .dtype(dtype)
            .fillValue(fill)
            .filters(filters)
            .build()
            .toJson());
  }
}
