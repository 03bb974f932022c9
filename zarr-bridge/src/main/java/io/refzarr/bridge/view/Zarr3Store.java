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
 * The decoded Zarr v3 view: the decoded v2 view's chunks under the same keys, a {@code zarr.json}
 * for every array and every directory outside arrays (a group: v3 has no implicit groups), and no
 * v2 metadata keys. A 0-d array's one chunk is {@code c} (the {@code default} chunk key encoding)
 * rather than v2's {@code 0}: readers disagree on the v2 encoding's key of a 0-d chunk (zarr-java
 * 0.0.9 asks for the array directory itself and reads the fill value), but not on {@code c}. Nodes
 * the set already has in Zarr v3 pass through unchanged.
 */
final class Zarr3Store implements ViewStore {
  /** The name of a 0-d array's chunk in this view. */
  static final String SCALAR_CHUNK = "c";

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
    Optional<String> stored = stored(key);
    return isV2Metadata(name) || stored.isEmpty()
        ? ReferenceSet.Kind.ABSENT
        : decoded.kind(stored.get());
  }

  /**
   * The key of the decoded view behind {@code key}: the same, but {@code c} for {@code 0} of 0-d
   * arrays.
   */
  private Optional<String> stored(String key) throws IOException {
    String name = ZarrKeys.name(key);
    if (!name.equals(SCALAR_CHUNK) && !name.equals("0")) {
      return Optional.of(key);
    }
    String dir = ZarrKeys.parent(key);
    if (!scalar(dir)) {
      return Optional.of(key);
    }
    return name.equals(SCALAR_CHUNK) ? Optional.of(ZarrKeys.join(dir, "0")) : Optional.empty();
  }

  private boolean scalar(String dir) throws IOException {
    Optional<DecodedArray> a = decoded.array(dir);
    return a.isPresent() && a.get().stored().shape().length == 0;
  }

  @Override
  public Stream<String> list(String directory) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<String> s = decoded.list(directory)) {
      s.filter(n -> !isV2Metadata(n) && !n.equals(ZarrKeys.ZARR_JSON)).forEach(names::add);
    }
    if (scalar(directory) && names.remove("0")) {
      names.add(SCALAR_CHUNK);
    }
    if (node(directory).isPresent()
        || set.kind(ZarrKeys.join(directory, ZarrKeys.ZARR_JSON)) == ReferenceSet.Kind.FILE) {
      names.add(ZarrKeys.ZARR_JSON);
    }
    return names.stream();
  }

  @Override
  public long size(String key) throws IOException {
    Optional<byte[]> node = metadata(key);
    return node.isPresent() ? node.get().length : decoded.size(chunkKey(key));
  }

  @Override
  public byte[] read(String key) throws IOException {
    Optional<byte[]> node = metadata(key);
    return node.isPresent() ? node.get() : decoded.read(chunkKey(key));
  }

  @Override
  public Map<String, byte[]> readAll(Collection<String> keys) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Map<String, String> chunks = new LinkedHashMap<>(); // decoded view's key -> this view's key
    for (String key : keys) {
      ReferenceSet.Kind kind = kind(key);
      if (kind != ReferenceSet.Kind.FILE) {
        continue;
      }
      Optional<byte[]> node = metadata(key);
      out.put(key, node.orElse(null));
      if (node.isEmpty()) {
        chunks.put(chunkKey(key), key);
      }
    }
    decoded.readAll(chunks.keySet()).forEach((k, v) -> out.put(chunks.get(k), v));
    return out;
  }

  // The zarr.json this view makes for key, empty for other keys; v2 metadata keys do not exist
  // here.
  private Optional<byte[]> metadata(String key) throws IOException {
    String name = ZarrKeys.name(key);
    if (isV2Metadata(name)) {
      throw new NoSuchFileException("/" + key);
    }
    return name.equals(ZarrKeys.ZARR_JSON) ? node(ZarrKeys.parent(key)) : Optional.empty();
  }

  private String chunkKey(String key) throws IOException {
    return stored(key).orElseThrow(() -> new NoSuchFileException("/" + key));
  }

  private static boolean isV2Metadata(String name) {
    return ZarrKeys.isMetadataName(name) && !name.equals(ZarrKeys.ZARR_JSON);
  }

  /**
   * The {@code zarr.json} of {@code dir}: an array, a group, or nothing (a chunk directory,
   * absent).
   */
  private Optional<byte[]> node(String dir) throws IOException {
    Optional<byte[]> known = nodes.get(dir);
    if (known != null) {
      return known;
    }
    Optional<byte[]> node = Optional.empty();
    // a node the set already has in Zarr v3 passes through as it is
    boolean v3 = set.kind(ZarrKeys.join(dir, ZarrKeys.ZARR_JSON)) == ReferenceSet.Kind.FILE;
    Optional<DecodedArray> array = v3 ? Optional.empty() : decoded.array(dir);
    if (array.isPresent()) {
      node = Optional.of(Json.writeBytes(Zarr3Metadata.array(array.get(), attributes(dir))));
    } else if (!v3 && set.kind(dir) == ReferenceSet.Kind.DIRECTORY && !insideArray(dir)) {
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
