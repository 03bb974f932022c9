package io.refzarr.bridge;

import io.refzarr.bridge.codec.CodecException;
import io.refzarr.bridge.codec.CodecPipeline;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Zarr v3 array metadata ({@code zarr.json}): regular chunk grid, {@code default} or {@code v2}
 * chunk key encoding, and a codec chain of optional {@code transpose}, then {@code bytes} or {@code
 * sharding_indexed} (one level, index of little-endian {@code bytes} with or without {@code
 * crc32c}), then bytes-to-bytes codecs. A shard is read as one chunk of the shard's shape.
 */
final class V3Metadata {
  private V3Metadata() {}

  static ArrayLayout fromV3(String name, Map<String, Object> doc) throws ZarrFormatException {
    try {
      return parse(name, doc);
    } catch (ClassCastException
        | NullPointerException
        | IndexOutOfBoundsException
        | ArithmeticException e) {
      throw new ZarrFormatException("array '" + name + "': malformed zarr.json: " + e, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static ArrayLayout parse(String name, Map<String, Object> doc)
      throws ZarrFormatException {
    long[] shape = longs(doc.get("shape"));
    Map<String, Object> grid = (Map<String, Object>) doc.get("chunk_grid");
    if (!"regular".equals(grid.get("name"))) {
      throw new ZarrFormatException(
          "array '" + name + "': chunk grid " + grid.get("name") + " is not supported");
    }
    long[] chunks = longs(((Map<String, Object>) grid.get("configuration")).get("chunk_shape"));
    checkGrid(name, shape, chunks);
    boolean scalar = shape.length == 0;
    int rank = Math.max(1, shape.length);
    V3Chain chain = V3Chain.parse(name, (List<Object>) doc.get("codecs"), rank, true);
    V3Chain inner =
        chain.shard == null
            ? null
            : V3Chain.parse(name, (List<Object>) chain.shard.get("codecs"), rank, false);
    DataType type = DataType.parseV3(doc.get("data_type"), (inner != null ? inner : chain).order);
    byte[] fill = FillValues.element(name, type, doc.get("fill_value"));
    CodecPipeline codecs =
        inner == null
            ? pipeline(name, chain.bytesToBytes)
            : sharded(name, chain, inner, type, fill, scalar ? new long[] {1} : chunks);
    Map<String, Object> attrs = (Map<String, Object>) doc.getOrDefault("attributes", Map.of());
    return new ArrayLayout(
        name,
        scalar ? new long[] {1} : shape,
        scalar ? new long[] {1} : chunks,
        type,
        chain.shard == null ? chain.axes : MetadataReader.identityAxes(rank),
        codecs,
        fill,
        "",
        keys(doc, scalar),
        attrs,
        dimensionNames(doc),
        scalar);
  }

  // Checked at open, so a bad grid is a ZarrFormatException naming the array, not an index error at
  // read.
  private static void checkGrid(String name, long[] shape, long[] chunks)
      throws ZarrFormatException {
    if (chunks.length != shape.length) {
      throw new ZarrFormatException(
          "array '"
              + name
              + "': chunk_shape "
              + Arrays.toString(chunks)
              + " has rank "
              + chunks.length
              + ", shape "
              + Arrays.toString(shape)
              + " has rank "
              + shape.length);
    }
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] < 0 || chunks[d] <= 0) {
        throw new ZarrFormatException(
            "array '"
                + name
                + "': shape "
                + Arrays.toString(shape)
                + " must be non-negative and chunk_shape "
                + Arrays.toString(chunks)
                + " positive");
      }
    }
  }

  private static CodecPipeline pipeline(String name, List<Map<String, Object>> bytesToBytes)
      throws ZarrFormatException {
    try {
      return CodecPipeline.zarrV3(bytesToBytes);
    } catch (CodecException e) {
      throw new ZarrFormatException("array '" + name + "': " + e.getMessage(), e);
    }
  }

  private static CodecPipeline sharded(
      String name, V3Chain outer, V3Chain inner, DataType type, byte[] fillLe, long[] shard)
      throws ZarrFormatException {
    Map<String, Object> conf = outer.shard;
    byte[] fill = inner.order == ByteOrder.BIG_ENDIAN ? bigEndian(fillLe, type) : fillLe;
    CodecPipeline.ShardSpec spec =
        new CodecPipeline.ShardSpec(
            ints(shard),
            ints(longs(conf.get("chunk_shape"))),
            inner.axes,
            type.size(),
            fill,
            pipeline(name, inner.bytesToBytes),
            !"start".equals(conf.getOrDefault("index_location", "end")),
            indexCrc(name, conf.get("index_codecs")));
    try {
      return CodecPipeline.sharded(spec, outer.bytesToBytes);
    } catch (CodecException e) {
      throw new ZarrFormatException("array '" + name + "': " + e.getMessage(), e);
    }
  }

  // The index must be little-endian bytes, optionally followed by crc32c (what zarr-python writes).
  @SuppressWarnings("unchecked")
  private static boolean indexCrc(String name, Object indexCodecs) throws ZarrFormatException {
    List<String> names =
        indexCodecs == null
            ? List.of("bytes", "crc32c")
            : ((List<Object>) indexCodecs)
                .stream().map(c -> String.valueOf(((Map<String, Object>) c).get("name"))).toList();
    if (names.equals(List.of("bytes", "crc32c"))) {
      return true;
    }
    if (names.equals(List.of("bytes"))) {
      return false;
    }
    throw new ZarrFormatException(
        "array '" + name + "': shard index codecs " + names + " are not supported");
  }

  private static byte[] bigEndian(byte[] le, DataType type) {
    byte[] out = le.clone();
    int unit = type.swapUnit();
    for (int u = 0; u + unit <= out.length; u += unit) {
      for (int b = 0; b < unit; b++) {
        out[u + b] = le[u + unit - 1 - b];
      }
    }
    return out;
  }

  private static int[] ints(long[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.toIntExact(v[i]);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static ArrayLayout.ChunkKeys keys(Map<String, Object> doc, boolean scalar)
      throws ZarrFormatException {
    Map<String, Object> enc =
        (Map<String, Object>) doc.getOrDefault("chunk_key_encoding", Map.of("name", "default"));
    Map<String, Object> conf = (Map<String, Object>) enc.getOrDefault("configuration", Map.of());
    String encoding = String.valueOf(enc.get("name"));
    char sep =
        String.valueOf(conf.getOrDefault("separator", encoding.equals("v2") ? "." : "/")).charAt(0);
    return switch (encoding) {
      case "default" -> ArrayLayout.prefixed(sep, scalar);
      case "v2" -> ArrayLayout.dotted(sep, scalar);
      default ->
          throw new ZarrFormatException("chunk key encoding " + encoding + " is not supported");
    };
  }

  private static List<String> dimensionNames(Map<String, Object> doc) {
    Object names = doc.get("dimension_names");
    if (!(names instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().map(String::valueOf).toList();
  }

  static int[] permutation(Object order, int rank, String name) throws ZarrFormatException {
    long[] p = longs(order);
    boolean[] seen = new boolean[rank];
    int[] axes = new int[rank];
    for (int i = 0; i < p.length; i++) {
      if (p.length != rank || p[i] < 0 || p[i] >= rank || seen[(int) p[i]]) {
        throw new ZarrFormatException("array '" + name + "': transpose order is not a permutation");
      }
      seen[(int) p[i]] = true;
      axes[i] = (int) p[i];
    }
    return axes;
  }

  private static long[] longs(Object o) {
    return ((List<?>) o).stream().mapToLong(x -> ((Number) x).longValue()).toArray();
  }
}
