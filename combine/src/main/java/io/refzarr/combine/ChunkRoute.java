package io.refzarr.combine;

import io.refzarr.zarr.ChunkGrid;

/**
 * Maps the chunk keys of one input array onto the output array: output part {@code i} is input part
 * {@code axis[i]} (or 0 for a new dimension) plus {@code add[i]}, the input's chunk offset along
 * it.
 */
final class ChunkRoute {
  private final String outPrefix;
  private final int inRank;
  private final int[] axis;
  private final long[] add;

  ChunkRoute(String outPrefix, int inRank, int[] axis, long[] add) {
    this.outPrefix = outPrefix + "/";
    this.inRank = inRank;
    this.axis = axis;
    this.add = add;
  }

  /**
   * The output key of an input chunk name such as {@code "0.3.1"}, or null if it is not a chunk
   * name.
   */
  String map(String chunkName) {
    long[] parts = ChunkGrid.parseIndex(chunkName, '.', inRank);
    if (parts == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(outPrefix.length() + axis.length * 4).append(outPrefix);
    for (int i = 0; i < axis.length; i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append((axis[i] < 0 ? 0 : parts[axis[i]]) + add[i]);
    }
    return sb.toString();
  }
}
