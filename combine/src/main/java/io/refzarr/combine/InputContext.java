package io.refzarr.combine;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.refzarr.internal.json.Json;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One opened input: its arrays and groups, their metadata, and decoded array values on demand. */
final class InputContext implements InputView {
  private final int index;
  private final String name;
  private final ReferenceSet set;
  private final CombineSpec spec;
  private final ReferenceReader bytes;
  private final ChunkDecoder decoder;
  private final Map<String, ZarrArrayMetadata> arrays = new TreeMap<>();
  private final Map<String, Map<String, Object>> attrs = new HashMap<>();
  private final List<String> groups = new ArrayList<>();
  private Set<String> dimensionNames;

  InputContext(
      int index,
      String name,
      ReferenceSet set,
      CombineSpec spec,
      ReferenceReader bytes,
      ChunkDecoder decoder)
      throws IOException {
    this.index = index;
    this.name = name;
    this.set = set;
    this.spec = spec;
    this.bytes = bytes;
    this.decoder = decoder;
    walk("");
  }

  private void walk(String dir) throws IOException {
    groups.add(dir);
    List<String> children;
    try (Stream<String> s = set.list(dir)) {
      children = s.filter(n -> !ZarrKeys.isMetadataName(n)).collect(Collectors.toList());
    }
    for (String child : children) {
      String path = ZarrKeys.join(dir, child);
      if (set.kind(path) != ReferenceSet.Kind.DIRECTORY) {
        continue;
      }
      Optional<Reference> zarray = set.get(ZarrKeys.join(path, ZarrKeys.ZARRAY));
      if (zarray.isPresent()) {
        arrays.put(path, parseArray(path, zarray.get()));
      } else if (!spec.dropVariables().contains(child)) {
        walk(path);
      }
    }
  }

  private ZarrArrayMetadata parseArray(String path, Reference ref) throws IOException {
    try {
      return ZarrArrayMetadata.parse(bytes.read(ZarrKeys.join(path, ZarrKeys.ZARRAY), ref));
    } catch (IOException e) {
      throw new IOException(name + ": " + path + "/.zarray: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public ReferenceSet references() {
    return set;
  }

  /** Every array path, sorted. */
  Map<String, ZarrArrayMetadata> arrays() {
    return Collections.unmodifiableMap(arrays);
  }

  /** Every group path ({@code ""} is the root). */
  List<String> groups() {
    return groups;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> attributes(String path) throws IOException {
    Map<String, Object> cached = attrs.get(path);
    if (cached != null) {
      return cached;
    }
    String key = ZarrKeys.join(path, ZarrKeys.ZATTRS);
    Optional<Reference> ref = set.get(key);
    Map<String, Object> out = Map.of();
    if (ref.isPresent()) {
      Object tree = Json.parse(bytes.read(key, ref.get()));
      if (!(tree instanceof Map)) {
        throw new IOException(
            name + ": " + ZarrKeys.join(path, ZarrKeys.ZATTRS) + " is not a JSON object");
      }
      out = Collections.unmodifiableMap((Map<String, Object>) tree);
    }
    attrs.put(path, out);
    return out;
  }

  /** The {@code _ARRAY_DIMENSIONS} of an array, or synthetic names when it has none. */
  List<String> dims(String array) throws IOException {
    Object dims = attributes(array).get("_ARRAY_DIMENSIONS");
    int rank = arrays.get(array).shape().length;
    if (dims instanceof List && ((List<?>) dims).size() == rank) {
      return ((List<?>) dims).stream().map(String::valueOf).toList();
    }
    List<String> synthetic = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      synthetic.add(ZarrKeys.name(array) + "_dim_" + d);
    }
    return synthetic;
  }

  /** Names used as dimensions by any array of this input. */
  Set<String> dimensionNames() throws IOException {
    if (dimensionNames == null) {
      Set<String> out = new LinkedHashSet<>();
      for (String a : arrays.keySet()) {
        out.addAll(dims(a));
      }
      dimensionNames = out;
    }
    return dimensionNames;
  }

  @Override
  public List<String> dataVariables() throws IOException {
    Set<String> dimNames = dimensionNames();
    List<String> out = new ArrayList<>();
    for (String a : arrays.keySet()) {
      String base = ZarrKeys.name(a);
      if (!spec.concatDims().contains(base)
          && !spec.identicalDims().contains(base)
          && !dimNames.contains(base)
          && !spec.dropVariables().contains(base)) {
        out.add(a);
      }
    }
    return out;
  }

  @Override
  public List<Object> values(String array) throws IOException {
    ZarrArrayMetadata md = arrays.get(array);
    if (md == null) {
      throw new CombineException(
          CombineException.Reason.BAD_COORDINATE,
          List.of(name),
          "no array " + array + " to take coordinate values from");
    }
    return new ArrayValues(this, array, md).read();
  }

  /** A SHA-256 digest of an array's shape, dtype and decoded chunks, in key order. */
  String digest(String array) throws IOException {
    ZarrArrayMetadata md = arrays.get(array);
    MessageDigest sha = sha256();
    sha.update((Arrays.toString(md.shape()) + md.dtype()).getBytes(UTF_8));
    List<String> names;
    try (Stream<String> s = set.list(array)) {
      names = s.filter(n -> !ZarrKeys.isMetadataName(n)).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (String name : names) {
      byte[] chunk = chunk(array, name, md);
      sha.update(name.getBytes(UTF_8));
      sha.update(chunk == null ? new byte[0] : chunk);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  byte[] chunk(String array, String chunkKey, ZarrArrayMetadata md) throws IOException {
    String key = ZarrKeys.join(array, chunkKey);
    Optional<Reference> ref = set.get(key);
    if (ref.isEmpty()) {
      return null;
    }
    return decoder.decode(bytes.read(key, ref.get()), md, name + ": " + array + "/" + chunkKey);
  }

  ReferenceReader bytes() {
    return bytes;
  }
}
