package io.refzarr.bridge.view;

import io.refzarr.bridge.ZarrFormatException;
import io.refzarr.internal.json.Json;
import io.refzarr.nio.ViewStore;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The decoded Zarr v3 view: the decoded v2 view's chunks under the same keys, a {@code zarr.json} for every
 * array and every directory outside arrays (a group: v3 has no implicit groups), and no v2 metadata keys.
 */
final class Zarr3Store implements ViewStore {
  private final ReferenceSet set;
  private final DecodedStore decoded;
  private final Map<String, Optional<byte[]>> nodes = new ConcurrentHashMap<>();

  Zarr3Store(ReferenceSet set, DecodedStore decoded) {
    this.set = set;
    this.decoded = decoded;
  }

  @Override
  public ReferenceSet.Kind kind(String key) throws IOException {
    String name = ZarrKeys.name(key);
    if (name.equals(ZarrKeys.ZARR_JSON)) {
      return node(ZarrKeys.parent(key)).isPresent() ? ReferenceSet.Kind.FILE : decoded.kind(key);
    }
    return isV2Metadata(name) ? ReferenceSet.Kind.ABSENT : decoded.kind(key);
  }

  @Override
  public Stream<String> list(String directory) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<String> s = decoded.list(directory)) {
      s.filter(n -> !isV2Metadata(n) && !n.equals(ZarrKeys.ZARR_JSON)).forEach(names::add);
    }
    if (node(directory).isPresent() || set.kind(ZarrKeys.join(directory, ZarrKeys.ZARR_JSON)) == ReferenceSet.Kind.FILE) {
      names.add(ZarrKeys.ZARR_JSON);
    }
    return names.stream();
  }

  @Override
  public long size(String key) throws IOException {
    Optional<byte[]> node = metadata(key);
    return node.isPresent() ? node.get().length : decoded.size(key);
  }

  @Override
  public byte[] read(String key) throws IOException {
    Optional<byte[]> node = metadata(key);
    return node.isPresent() ? node.get() : decoded.read(key);
  }

  @Override
  public Map<String, byte[]> readAll(Collection<String> keys) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    List<String> chunks = new ArrayList<>();
    for (String key : keys) {
      ReferenceSet.Kind kind = kind(key);
      if (kind != ReferenceSet.Kind.FILE) {
        continue;
      }
      Optional<byte[]> node = metadata(key);
      out.put(key, node.orElse(null));
      if (node.isEmpty()) {
        chunks.add(key);
      }
    }
    out.putAll(decoded.readAll(chunks));
    return out;
  }

  // The zarr.json this view makes for key, empty for other keys; v2 metadata keys do not exist here.
  private Optional<byte[]> metadata(String key) throws IOException {
    String name = ZarrKeys.name(key);
    if (isV2Metadata(name)) {
      throw new NoSuchFileException("/" + key);
    }
    return name.equals(ZarrKeys.ZARR_JSON) ? node(ZarrKeys.parent(key)) : Optional.empty();
  }

  private static boolean isV2Metadata(String name) {
    return ZarrKeys.isMetadataName(name) && !name.equals(ZarrKeys.ZARR_JSON);
  }

  /** The {@code zarr.json} of {@code dir}: an array, a group, or nothing (a chunk directory, absent). */
  private Optional<byte[]> node(String dir) throws IOException {
    Optional<byte[]> known = nodes.get(dir);
    if (known != null) {
      return known;
    }
    Optional<byte[]> node = Optional.empty();
    Optional<DecodedArray> array = decoded.array(dir);
    if (array.isPresent()) {
      node = Optional.of(Json.writeBytes(Zarr3Metadata.array(array.get(), attributes(dir))));
    } else if (set.kind(dir) == ReferenceSet.Kind.DIRECTORY && !insideArray(dir)) {
      node = Optional.of(Json.writeBytes(Zarr3Metadata.group(attributes(dir))));
    }
    nodes.put(dir, node);
    return node;
  }

  private boolean insideArray(String dir) throws IOException {
    for (String d = dir; !d.isEmpty(); ) {
      d = ZarrKeys.parent(d);
      if (decoded.array(d).isPresent()) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> attributes(String dir) throws IOException {
    String key = ZarrKeys.join(dir, ZarrKeys.ZATTRS);
    Optional<Reference> ref = set.get(key);
    if (ref.isEmpty()) {
      return Map.of();
    }
    Object tree = Json.parse(decoded.read(key));
    if (!(tree instanceof Map)) {
      throw new ZarrFormatException(key + " is not a JSON object");
    }
    return (Map<String, Object>) tree;
  }

  @Override
  public void close() throws IOException {
    decoded.close();
  }
}
