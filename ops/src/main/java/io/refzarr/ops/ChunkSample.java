package io.refzarr.ops;

import io.refzarr.bridge.DataType;
import io.refzarr.bridge.codec.CodecPipeline;
import io.refzarr.zarr.ChunkGrid;
import io.refzarr.zarr.ZarrArrayMetadata;
import java.io.IOException;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The chunks of one array that {@code verify --decode} decodes (spread evenly over the grid, first
 * and last included), and the decoding itself with zarr-bridge's codec pipeline of the array.
 */
final class ChunkSample {
  private final ChunkGrid grid;
  private final CodecPipeline pipeline;
  private final DataType type;
  private final long elements;
  private final Set<Long> picked = new HashSet<>();

  private ChunkSample(ZarrArrayMetadata array, int sample) throws IOException {
    this.grid = array.grid();
    this.pipeline = CodecPipeline.zarrV2(array.compressor(), array.filters());
    this.type = DataType.of(array.dtype());
    long n = 1;
    for (long c : array.chunks()) {
      n = Math.multiplyExact(n, c);
    }
    this.elements = n;
    long count = grid.chunkCount();
    for (long k = 0; k < Math.min(sample, count); k++) {
      picked.add(sample == 1 || count <= sample ? k : k * (count - 1) / (sample - 1));
    }
  }

  /**
   * The sample of {@code array}'s chunks; a {@code .zarray} zarr-bridge cannot decode is an error.
   */
  static ChunkSample of(byte[] zarray, int sample) throws IOException {
    return new ChunkSample(ZarrArrayMetadata.parse(zarray), sample);
  }

  /** Whether the chunk named {@code name} (the key below the array) is one to decode. */
  boolean picks(String name) {
    OptionalLong flat = grid.parseKey(name);
    return flat.isPresent() && picked.contains(flat.getAsLong());
  }

  /** Decodes a stored chunk; a codec failure or a wrong decoded size is an IOException. */
  void decode(byte[] stored) throws IOException {
    if (elements > Integer.MAX_VALUE) {
      throw new IOException("a chunk of " + elements + " elements is too large to decode");
    }
    if (pipeline.decodesStrings()) {
      pipeline.decodeStrings(stored, (int) elements);
      return;
    }
    pipeline.decode(stored, Math.toIntExact(elements * type.size()));
  }

  /** The codec ids, for messages. */
  String codecs() {
    return pipeline.names().isEmpty() ? "no codec" : String.join(",", pipeline.names());
  }
}
