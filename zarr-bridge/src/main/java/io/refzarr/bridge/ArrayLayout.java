package io.refzarr.bridge;

import io.refzarr.bridge.codec.CodecPipeline;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to read an array, from Zarr v2 or v3 metadata. A scalar array is held as shape
 * {@code [1]} with {@code scalar} set, so the machinery below needs no rank-0 case.
 *
 * @param name the array's path, for messages
 * @param shape array shape (never empty)
 * @param chunks chunk shape
 * @param type element type as stored
 * @param storedAxes for each stored chunk axis the array axis it holds (C order: 0..n-1; F order
 *     reversed)
 * @param codecs the codec pipeline
 * @param fillElement the fill value as one little-endian element
 * @param fillString the fill value of variable-length strings
 * @param keys chunk index to chunk key
 * @param attributes the user attributes
 * @param dimensionNames dimension names, if the metadata gives them
 * @param scalar true for a 0-d array
 */
record ArrayLayout(
    String name,
    long[] shape,
    long[] chunks,
    DataType type,
    int[] storedAxes,
    CodecPipeline codecs,
    byte[] fillElement,
    String fillString,
    ChunkKeys keys,
    Map<String, Object> attributes,
    List<String> dimensionNames,
    boolean scalar) {

  /** Chunk index to the key under the array directory. */
  interface ChunkKeys {
    String key(long[] index);
  }

  int rank() {
    return shape.length;
  }

  /** Keys as Zarr v2 writes them ({@code "1.0.2"}) or v3's {@code "v2"} encoding. */
  static ChunkKeys dotted(char sep, boolean scalar) {
    return index -> scalar ? "0" : join(index, sep, null);
  }

  /** Keys in Zarr v3's default encoding ({@code "c/1/0/2"}, {@code "c"} for a scalar). */
  static ChunkKeys prefixed(char sep, boolean scalar) {
    return index -> scalar ? "c" : join(index, sep, "c");
  }

  private static String join(long[] index, char sep, String prefix) {
    StringBuilder sb = new StringBuilder(index.length * 4);
    if (prefix != null) {
      sb.append(prefix);
    }
    for (int d = 0; d < index.length; d++) {
      if (d > 0 || prefix != null) {
        sb.append(sep);
      }
      sb.append(index[d]);
    }
    return sb.toString();
  }
}
