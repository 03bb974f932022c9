package io.refzarr.combine;

import io.refzarr.bridge.codec.CodecException;
import io.refzarr.bridge.codec.CodecPipeline;
import io.refzarr.zarr.ZarrArrayMetadata;
import java.io.IOException;

/** Decodes coordinate chunks with zarr-bridge's codecs (every numcodecs id the scanners emit). */
final class BridgeChunkDecoder implements ChunkDecoder {

  @Override
  public byte[] decode(byte[] stored, ZarrArrayMetadata array, String what) throws IOException {
    long elements = 1;
    for (long c : array.chunks()) {
      elements = Math.multiplyExact(elements, c);
    }
    long bytes = Math.multiplyExact(elements, array.dtype().itemSize());
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new IOException(what + ": a " + bytes + "-byte chunk is too large for a coordinate");
    }
    try {
      return CodecPipeline.zarrV2(array.compressor(), array.filters()).decode(stored, (int) bytes);
    } catch (CodecException e) {
      throw new IOException(what + ": " + e.getMessage(), e);
    }
  }
}
