package io.refzarr.refs;

import io.refzarr.internal.refs.KeyDirectories;
import io.refzarr.internal.refs.LazyStreams;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The in-memory reference set: plain keys in a map, chunk keys of known arrays in {@link
 * ChunkManifest}s, and a directory index derived from the plain keys and array paths (chunk names
 * are listed from the manifests on demand, never stored as strings).
 */
final class CompactReferenceSet implements ReferenceSet {
  private final String[] targets;
  private final Map<String, Reference> plain;
  private final Map<String, ChunkManifest> arrays;
  private final KeyDirectories directories;
  private final List<String> plainKeysSorted;
  private final List<String> arrayPathsSorted;

  CompactReferenceSet(
      String[] targets, Map<String, Reference> plain, Map<String, ChunkManifest> arrays) {
    this.targets = targets;
    this.plain = plain;
    this.arrays = arrays;
    this.directories = KeyDirectories.of(plain.keySet(), arrays.keySet());
    List<String> sorted = new ArrayList<>(plain.keySet());
    Collections.sort(sorted);
    this.plainKeysSorted = Collections.unmodifiableList(sorted);
    this.arrayPathsSorted = List.copyOf(new TreeMap<>(arrays).keySet());
  }

  @Override
  public Optional<Reference> get(String key) {
    Reference ref = plain.get(key);
    if (ref != null) {
      return Optional.of(ref);
    }
    ChunkManifest m = arrays.get(ZarrKeys.parent(key));
    if (m != null) {
      int slot = m.slot(ZarrKeys.name(key));
      if (slot >= 0) {
        return Optional.of(m.reference(slot, targets));
      }
    }
    return Optional.empty();
  }

  @Override
  public Kind kind(String key) {
    if (key.isEmpty()) {
      return Kind.DIRECTORY;
    }
    if (plain.containsKey(key)) {
      return Kind.FILE;
    }
    ChunkManifest m = arrays.get(ZarrKeys.parent(key));
    if (m != null && m.slot(ZarrKeys.name(key)) >= 0) {
      return Kind.FILE;
    }
    return directories.isDirectory(key) ? Kind.DIRECTORY : Kind.ABSENT;
  }

  @Override
  public Stream<String> list(String directory) {
    if (!directories.isDirectory(directory)) {
      return Stream.empty();
    }
    ChunkManifest m = arrays.get(directory);
    Stream<String> own = directories.names(directory);
    if (m == null) {
      return own;
    }
    return Stream.concat(own, m.flats().mapToObj(m.grid()::key));
  }

  @Override
  public Stream<String> keys() {
    Stream<String> chunkKeys =
        LazyStreams.flatMap(
            arrayPathsSorted.stream(),
            path -> {
              ChunkManifest m = arrays.get(path);
              String prefix = path.isEmpty() ? "" : path + "/";
              return m.flats().mapToObj(f -> prefix + m.grid().key(f));
            });
    return Stream.concat(plainKeysSorted.stream(), chunkKeys);
  }

  @Override
  public Stream<Map.Entry<String, Reference>> entries() {
    Stream<Map.Entry<String, Reference>> chunkEntries =
        LazyStreams.flatMap(
            arrayPathsSorted.stream(),
            path -> {
              ChunkManifest m = arrays.get(path);
              String prefix = path.isEmpty() ? "" : path + "/";
              return m.slots()
                  .mapToObj(
                      slot ->
                          Map.entry(
                              prefix + m.grid().key(m.flat(slot)), m.reference(slot, targets)));
            });
    return Stream.concat(
        plainKeysSorted.stream().map(k -> Map.entry(k, plain.get(k))), chunkEntries);
  }

  /**
   * Puts every reference into {@code sink}, as {@link #entries()} lists them, but each chunk by its
   * index ({@link ReferenceSink#putChunk}): a sink that files chunks by index (Parquet) then
   * neither gets a key string made nor parses one back.
   */
  void copyTo(ReferenceSink sink) throws IOException {
    for (String key : plainKeysSorted) {
      sink.put(key, plain.get(key));
    }
    for (String path : arrayPathsSorted) {
      ChunkManifest m = arrays.get(path);
      PrimitiveIterator.OfInt slots = m.slots().iterator();
      while (slots.hasNext()) {
        int slot = slots.nextInt();
        sink.putChunk(path, m.grid().index(m.flat(slot)), m.reference(slot, targets));
      }
    }
  }

  @Override
  public long size() {
    long n = plain.size();
    for (ChunkManifest m : arrays.values()) {
      n += m.size();
    }
    return n;
  }

  @Override
  public String toString() {
    return "ReferenceSet[" + size() + " keys, " + targets.length + " targets]";
  }
}
