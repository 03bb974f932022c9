package io.refzarr.ops;

import io.refzarr.bridge.ArrayData;
import io.refzarr.bridge.DataType;
import io.refzarr.bridge.ZarrArray;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * kerchunk's {@code inline_array}: small arrays (fewer than {@code threshold} bytes) and named ones
 * become one embedded chunk holding the whole array, read and decoded through zarr-bridge (missing
 * chunks as the fill value) and written uncompressed, little-endian; attributes are kept. Good for
 * coordinates: one key instead of many small ranges. The arrays are found by listing the set's
 * directories, so the set's chunk keys are read once, as they stream through.
 */
final class ArrayInliner {
  private final long threshold;
  private final Set<String> names;
  private final ReferenceFileSystemConfig config;
  private final ReferenceSink sink;
  private final Map<String, Reference.Inline[]> arrays =
      new LinkedHashMap<>(); // array -> .zarray, chunk
  private long keys;
  private long rewritten;

  ArrayInliner(
      long threshold, Set<String> names, ReferenceFileSystemConfig config, ReferenceSink sink) {
    this.threshold = threshold;
    this.names = Set.copyOf(names);
    this.config = config;
    this.sink = sink;
  }

  Summary run(ReferenceSet set) throws IOException {
    FileSystem fs = ReferenceFileSystems.newFileSystem(set, config);
    try {
      for (String array : arrayPaths(set, "")) {
        choose(set, fs, array);
      }
    } finally {
      fs.close();
    }
    for (String name : names) {
      if (!arrays.containsKey(name)) {
        throw new IllegalArgumentException(
            "no array " + name + " to inline (or its values are not readable)");
      }
    }
    KeyWalk.forEach(set, this::accept);
    for (Map.Entry<String, Reference.Inline[]> a : arrays.entrySet()) {
      sink.put(ZarrKeys.join(a.getKey(), ZarrKeys.ZARRAY), a.getValue()[0]);
      sink.put(chunkKey(a.getKey()), a.getValue()[1]);
      rewritten++;
    }
    return new Summary(keys, rewritten, 0);
  }

  private String chunkKey(String array) throws IOException {
    ZarrArrayMetadata meta = ZarrArrayMetadata.parse(arrays.get(array)[0].data());
    return ZarrKeys.chunkKey(array, new long[meta.shape().length]);
  }

  private void accept(String key, Reference ref) throws IOException {
    keys++;
    String dir = ZarrKeys.parent(key);
    if (!arrays.containsKey(dir)) {
      sink.put(key, ref);
      return;
    }
    String name = ZarrKeys.name(key);
    if (ZarrKeys.isMetadataName(name) && !name.equals(ZarrKeys.ZARRAY)) {
      sink.put(key, ref); // attributes kept
    }
    // the old .zarray and chunks go; run() puts the new ones
  }

  private void choose(ReferenceSet set, FileSystem fs, String array) throws IOException {
    String zarrayKey = ZarrKeys.join(array, ZarrKeys.ZARRAY);
    Reference ref = set.get(zarrayKey).orElseThrow();
    if (!(ref instanceof Reference.Inline in)) {
      return; // metadata in a target: leave the array as it is
    }
    ZarrArrayMetadata meta = ZarrArrayMetadata.parse(in.data());
    DataType type = DataType.of(meta.dtype());
    long elements = 1;
    for (long s : meta.shape()) {
      elements = Math.multiplyExact(elements, s);
    }
    boolean named = names.contains(array);
    boolean strings = type.kind() == DataType.Kind.STRING;
    if (!named && (strings || elements * type.size() >= threshold)) {
      return;
    }
    ArrayData data = ZarrArray.open(fs.getPath("/" + array)).read();
    byte[] chunk = strings ? vlenUtf8(data.toStringArray()) : data.toByteArray();
    arrays.put(
        array,
        new Reference.Inline[] {
          new Reference.Inline(ZarrayEdits.singleChunk(meta, strings)), new Reference.Inline(chunk)
        });
  }

  /**
   * numcodecs' VLenUTF8 encoding: the count, then each string's length and UTF-8 bytes
   * (little-endian).
   */
  private static byte[] vlenUtf8(String[] values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(le(values.length));
    for (String v : values) {
      byte[] b = (v == null ? "" : v).getBytes(StandardCharsets.UTF_8);
      out.writeBytes(le(b.length));
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  private static byte[] le(int n) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array();
  }

  /**
   * The paths of the arrays at and below {@code dir}, found by listing (a lazy set lists from its
   * metadata).
   */
  private static List<String> arrayPaths(ReferenceSet set, String dir) throws IOException {
    List<String> out = new ArrayList<>();
    List<String> children;
    try (Stream<String> s = set.list(dir)) {
      children = s.collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (children.contains(ZarrKeys.ZARRAY)) {
      out.add(dir);
      return out;
    }
    for (String child : children) {
      String path = ZarrKeys.join(dir, child);
      if (set.kind(path) == ReferenceSet.Kind.DIRECTORY) {
        out.addAll(arrayPaths(set, path));
      }
    }
    return out;
  }
}
