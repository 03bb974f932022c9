package io.refzarr.bridge;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Zarr v3 codec chain split into its parts: an optional {@code transpose}, the array-to-bytes
 * codec ({@code bytes} with its endianness, or {@code sharding_indexed} with its configuration),
 * and the bytes-to-bytes codecs after it, in encoding order.
 */
final class V3Chain {
  final int[] axes;
  final ByteOrder order;
  final Map<String, Object> shard;
  final List<Map<String, Object>> bytesToBytes;

  private V3Chain(
      int[] axes,
      ByteOrder order,
      Map<String, Object> shard,
      List<Map<String, Object>> bytesToBytes) {
    this.axes = axes;
    this.order = order;
    this.shard = shard;
    this.bytesToBytes = List.copyOf(bytesToBytes);
  }

  @SuppressWarnings("unchecked")
  static V3Chain parse(String name, List<Object> codecs, int rank, boolean shardingAllowed)
      throws ZarrFormatException {
    int[] axes = MetadataReader.identityAxes(rank);
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    Map<String, Object> shard = null;
    boolean arrayToBytes = false;
    List<Map<String, Object>> rest = new ArrayList<>();
    for (Object o : codecs) {
      Map<String, Object> c = (Map<String, Object>) o;
      Map<String, Object> conf = (Map<String, Object>) c.getOrDefault("configuration", Map.of());
      switch (String.valueOf(c.get("name"))) {
        case "transpose" -> axes = V3Metadata.permutation(conf.get("order"), rank, name);
        case "bytes" -> order = MetadataReader.order(conf.get("endian"));
        case "sharding_indexed" -> {
          if (!shardingAllowed || !isIdentity(axes)) {
            throw new ZarrFormatException(
                "array '"
                    + name
                    + "': nested sharding or a transpose before the "
                    + "shard is not supported");
          }
          shard = conf;
        }
        default -> {
          if (!arrayToBytes) {
            throw new ZarrFormatException(
                "array '"
                    + name
                    + "': codec '"
                    + c.get("name")
                    + "' before the array-to-bytes codec is not supported");
          }
          rest.add(c);
          continue;
        }
      }
      arrayToBytes |= !"transpose".equals(c.get("name"));
    }
    if (!arrayToBytes) {
      throw new ZarrFormatException("array '" + name + "': the codec chain has no 'bytes' codec");
    }
    return new V3Chain(axes, order, shard, rest);
  }

  private static boolean isIdentity(int[] axes) {
    for (int i = 0; i < axes.length; i++) {
      if (axes[i] != i) {
        return false;
      }
    }
    return true;
  }
}
