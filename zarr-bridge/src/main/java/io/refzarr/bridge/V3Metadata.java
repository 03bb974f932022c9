package io.refzarr.bridge;

import io.refzarr.bridge.codec.CodecException;
import io.refzarr.bridge.codec.CodecPipeline;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Zarr v3 array metadata ({@code zarr.json}): regular chunk grid, {@code default} or {@code v2} chunk key
 * encoding, and a codec chain of optional {@code transpose}, then {@code bytes}, then bytes-to-bytes codecs.
 * Sharding is not supported and says so.
 */
final class V3Metadata {
  private V3Metadata() {}

  static ArrayLayout fromV3(String name, Map<String, Object> doc) throws ZarrFormatException {
    try {
      return parse(name, doc);
    } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
      throw new ZarrFormatException("array '" + name + "': malformed zarr.json: " + e, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static ArrayLayout parse(String name, Map<String, Object> doc) throws ZarrFormatException {
    long[] shape = longs(doc.get("shape"));
    Map<String, Object> grid = (Map<String, Object>) doc.get("chunk_grid");
    if (!"regular".equals(grid.get("name"))) {
      throw new ZarrFormatException("array '" + name + "': chunk grid " + grid.get("name") + " is not supported");
    }
    long[] chunks = longs(((Map<String, Object>) grid.get("configuration")).get("chunk_shape"));
    boolean scalar = shape.length == 0;
    int rank = Math.max(1, shape.length);
    int[] axes = MetadataReader.identityAxes(rank);
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    List<Map<String, Object>> bytesToBytes = new ArrayList<>();
    boolean sawBytes = false;
    for (Object o : (List<Object>) doc.get("codecs")) {
      Map<String, Object> c = (Map<String, Object>) o;
      Map<String, Object> conf = (Map<String, Object>) c.getOrDefault("configuration", Map.of());
      switch (String.valueOf(c.get("name"))) {
        case "transpose" -> axes = permutation(conf.get("order"), rank, name);
        case "bytes" -> {
          order = MetadataReader.order(conf.get("endian"));
          sawBytes = true;
        }
        case "sharding_indexed" -> throw new ZarrFormatException("array '" + name + "': sharding is not supported");
        default -> bytesToBytes.add(c);
      }
    }
    if (!sawBytes) {
      throw new ZarrFormatException("array '" + name + "': the codec chain has no 'bytes' codec");
    }
    CodecPipeline codecs;
    try {
      codecs = CodecPipeline.zarrV3(bytesToBytes);
    } catch (CodecException e) {
      throw new ZarrFormatException("array '" + name + "': " + e.getMessage(), e);
    }
    DataType type = DataType.parseV3(doc.get("data_type"), order);
    Map<String, Object> attrs = (Map<String, Object>) doc.getOrDefault("attributes", Map.of());
    return new ArrayLayout(name, scalar ? new long[] {1} : shape, scalar ? new long[] {1} : chunks, type, axes,
        codecs, FillValues.element(type, doc.get("fill_value")), "", keys(doc, scalar), attrs,
        dimensionNames(doc), scalar);
  }

  @SuppressWarnings("unchecked")
  private static ArrayLayout.ChunkKeys keys(Map<String, Object> doc, boolean scalar) throws ZarrFormatException {
    Map<String, Object> enc = (Map<String, Object>) doc.getOrDefault("chunk_key_encoding", Map.of("name", "default"));
    Map<String, Object> conf = (Map<String, Object>) enc.getOrDefault("configuration", Map.of());
    String encoding = String.valueOf(enc.get("name"));
    char sep = String.valueOf(conf.getOrDefault("separator", encoding.equals("v2") ? "." : "/")).charAt(0);
    return switch (encoding) {
      case "default" -> ArrayLayout.prefixed(sep, scalar);
      case "v2" -> ArrayLayout.dotted(sep, scalar);
      default -> throw new ZarrFormatException("chunk key encoding " + encoding + " is not supported");
    };
  }

  private static List<String> dimensionNames(Map<String, Object> doc) {
    Object names = doc.get("dimension_names");
    if (!(names instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().map(String::valueOf).toList();
  }

  private static int[] permutation(Object order, int rank, String name) throws ZarrFormatException {
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
