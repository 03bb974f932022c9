package io.refzarr.zarr;

import io.refzarr.internal.json.Json;
import java.util.Map;

/** Zarr v2 group metadata ({@code .zgroup}): only the format version, {@code {"zarr_format":2}}. */
public final class ZarrGroupMetadata {
  private static final byte[] V2 = Json.writeBytes(Map.of("zarr_format", 2L));

  private ZarrGroupMetadata() {}

  /** The {@code .zgroup} document as minified UTF-8 JSON. */
  public static byte[] toJson() {
    return V2.clone();
  }
}
