package io.refzarr.bridge.view;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.refzarr.bridge.ChunkDecodeException;
import io.refzarr.bridge.ZarrFormatException;
import io.refzarr.bridge.codec.CodecException;
import io.refzarr.internal.json.Json;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.nio.ViewStore;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The decoded Zarr v2 view: the keys of the set unchanged; {@code .zarray} (and {@code .zmetadata})
 * without codecs; chunks decoded. Chunk bytes are cached by weight; the metadata of each array is
 * parsed once.
 */
final class DecodedStore implements ViewStore {
  /** Weight bound of the decoded chunks kept: readers often read a chunk's size, then its bytes. */
  static final long CACHE_BYTES = 64L << 20;

  private final ReferenceSet set;
  private final ReferenceReader reader;
  private final Map<String, Optional<DecodedArray>> arrays = new ConcurrentHashMap<>();
  private final Cache<String, byte[]> chunks;
  private volatile byte[] zmetadata;

  DecodedStore(ReferenceSet set, ReferenceReader reader, long cacheBytes) {
    this.set = set;
    this.reader = reader;
    this.chunks =
        Caffeine.newBuilder()
            .maximumWeight(cacheBytes)
            .weigher((String k, byte[] v) -> v.length + k.length() + 64)
            .build();
  }

  /** A chunk of an array: the array and the chunk's key below it ({@code 0.1}, or {@code 0/1}). */
  record Chunk(DecodedArray array, String key, String name) {}

  @Override
  public ReferenceSet.Kind kind(String key) throws IOException {
    return set.kind(key);
  }

  @Override
  public Stream<String> list(String directory) throws IOException {
    return set.list(directory);
  }

  @Override
  public long size(String key) throws IOException {
    Reference ref = reference(key);
    String name = ZarrKeys.name(key);
    if (name.equals(ZarrKeys.ZARRAY) || key.equals(ZarrKeys.ZMETADATA)) {
      return read(key).length;
    }
    Optional<Chunk> chunk = chunk(key);
    if (chunk.isPresent()) {
      long n = chunk.get().array().chunkBytes();
      return n >= 0 ? n : read(key).length;
    }
    return reader.size(key, ref);
  }

  @Override
  public byte[] read(String key) throws IOException {
    Reference ref = reference(key);
    String name = ZarrKeys.name(key);
    if (name.equals(ZarrKeys.ZARRAY)) {
      return array(ZarrKeys.parent(key)).orElseThrow().presented().toJson();
    }
    if (key.equals(ZarrKeys.ZMETADATA)) {
      return zmetadata(ref);
    }
    Optional<Chunk> chunk = chunk(key);
    if (chunk.isEmpty()) {
      return reader.read(key, ref);
    }
    byte[] cached = chunks.getIfPresent(key);
    return cached != null ? cached : decode(chunk.get(), ref, reader.read(key, ref));
  }

  /** Chunks not yet cached are fetched as one batch (coalesced per target), then decoded. */
  @Override
  public Map<String, byte[]> readAll(Collection<String> keys) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Map<String, Reference> fetch = new LinkedHashMap<>();
    Map<String, Chunk> fetched = new LinkedHashMap<>();
    for (String key : keys) {
      Optional<Reference> ref = set.get(key);
      if (ref.isEmpty() || out.containsKey(key)) {
        continue;
      }
      Optional<Chunk> chunk = chunk(key);
      byte[] cached = chunk.isPresent() ? chunks.getIfPresent(key) : null;
      out.put(key, cached);
      if (chunk.isPresent() && cached == null) {
        fetch.put(key, ref.get());
        fetched.put(key, chunk.get());
      } else if (cached == null) {
        out.put(key, read(key));
      }
    }
    for (Map.Entry<String, byte[]> e : reader.read(fetch).entrySet()) {
      out.put(e.getKey(), decode(fetched.get(e.getKey()), fetch.get(e.getKey()), e.getValue()));
    }
    return out;
  }

  private Reference reference(String key) throws IOException {
    Optional<Reference> ref = set.get(key);
    if (ref.isEmpty()) {
      throw new NoSuchFileException("/" + key);
    }
    return ref.get();
  }

  private byte[] decode(Chunk chunk, Reference ref, byte[] stored) throws IOException {
    DecodedArray a = chunk.array();
    byte[] decoded;
    try {
      decoded =
          a.strings()
              ? VlenUtf8Encoder.encode(a.codecs().decodeStrings(stored, a.chunkElements()))
              : a.codecs().decode(stored, (int) a.chunkBytes());
    } catch (CodecException | RuntimeException e) {
      throw new ChunkDecodeException(a.dir(), chunk.name(), target(ref), e);
    }
    chunks.put(chunk.key(), decoded);
    return decoded;
  }

  private static String target(Reference ref) {
    if (ref instanceof Reference.Targeted t) {
      return t.length() < 0
          ? t.target()
          : t.target() + " range [" + t.offset() + ", +" + t.length() + ")";
    }
    return "inline data";
  }

  /**
   * The chunk that {@code key} names, if it is one: the nearest enclosing array (nested directories
   * for the {@code /} separator) whose grid has a chunk of that name.
   */
  Optional<Chunk> chunk(String key) throws IOException {
    if (ZarrKeys.isMetadataName(ZarrKeys.name(key))) {
      return Optional.empty();
    }
    String dir = key;
    while (!dir.isEmpty()) {
      dir = ZarrKeys.parent(dir);
      Optional<DecodedArray> a = array(dir);
      if (a.isPresent()) {
        String name = dir.isEmpty() ? key : key.substring(dir.length() + 1);
        return a.get().grid().contains(name)
            ? Optional.of(new Chunk(a.get(), key, name))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The array whose key prefix is {@code dir}, or empty if {@code dir} has no {@code .zarray}. */
  Optional<DecodedArray> array(String dir) throws IOException {
    Optional<DecodedArray> known = arrays.get(dir);
    if (known != null) {
      return known;
    }
    String key = ZarrKeys.join(dir, ZarrKeys.ZARRAY);
    Optional<Reference> ref = set.get(key);
    Optional<DecodedArray> a = Optional.empty();
    if (ref.isPresent()) {
      a = Optional.of(DecodedArray.of(dir, parse(key, reader.read(key, ref.get()))));
    }
    arrays.put(dir, a);
    return a;
  }

  private static ZarrArrayMetadata parse(String key, byte[] json) throws ZarrFormatException {
    try {
      return ZarrArrayMetadata.parse(json);
    } catch (IOException | RuntimeException e) {
      throw new ZarrFormatException(key + ": " + e.getMessage(), e);
    }
  }

  /** The consolidated metadata with every {@code .zarray} entry as the view presents it. */
  @SuppressWarnings("unchecked")
  private byte[] zmetadata(Reference ref) throws IOException {
    byte[] done = zmetadata;
    if (done != null) {
      return done;
    }
    Object tree = Json.parse(reader.read(ZarrKeys.ZMETADATA, ref));
    if (!(tree instanceof Map<?, ?> doc) || !(doc.get("metadata") instanceof Map<?, ?> entries)) {
      throw new ZarrFormatException(".zmetadata has no \"metadata\" object");
    }
    Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) doc);
    Map<String, Object> rewritten = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = e.getValue();
      if (ZarrKeys.name(key).equals(ZarrKeys.ZARRAY) && value instanceof Map<?, ?> zarray) {
        ZarrArrayMetadata stored = fromTree(key, (Map<String, Object>) zarray);
        boolean strings = stored.filters().stream().anyMatch(f -> "vlen-utf8".equals(f.get("id")));
        value = DecodedArray.presented(stored, strings).document();
      }
      rewritten.put(key, value);
    }
    out.put("metadata", rewritten);
    done = Json.writeBytes(out);
    zmetadata = done;
    return done;
  }

  private static ZarrArrayMetadata fromTree(String key, Map<String, Object> zarray)
      throws ZarrFormatException {
    try {
      return ZarrArrayMetadata.fromTree(zarray);
    } catch (IOException | RuntimeException e) {
      throw new ZarrFormatException(".zmetadata entry " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    chunks.invalidateAll();
  }
}
