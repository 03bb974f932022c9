package io.refzarr.combine;

import io.refzarr.zarr.ZarrArrayMetadata;
import java.io.IOException;

/** Decodes one stored chunk of an array to its raw element bytes (C order). */
@FunctionalInterface
interface ChunkDecoder {
  byte[] decode(byte[] stored, ZarrArrayMetadata array, String what) throws IOException;
}
