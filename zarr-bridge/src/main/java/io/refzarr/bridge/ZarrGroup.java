package io.refzarr.bridge;

import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * A Zarr group (v2 {@code .zgroup}, v3 {@code zarr.json}, or just a directory of arrays) in any
 * {@code java.nio} file system. Arrays and subgroups are listed from consolidated metadata ({@code
 * .zmetadata}) when the group has it, else from the directory. Arrays and subgroups opened from a
 * group read on the group's executor ({@link ZarrArray} explains the default).
 */
public final class ZarrGroup {
  private final Path path;
  private final Map<String, Object> attributes;
  private final Optional<Map<String, Object>> consolidated;
  private final Executor executor;

  private ZarrGroup(
      Path path,
      Map<String, Object> attributes,
      Optional<Map<String, Object>> consolidated,
      Executor executor) {
    this.path = path;
    this.executor = executor;
    this.attributes = Map.copyOf(attributes);
    this.consolidated = consolidated;
  }

  /**
   * Opens the group in {@code dir}.
   *
   * @throws NoSuchFileException if {@code dir} is not a directory
   */
  public static ZarrGroup open(Path dir) throws IOException {
    return open(dir, ForkJoinPool.commonPool());
  }

  /**
   * Opens the group in {@code dir}; its arrays read their chunks on the calling thread and {@code
   * executor} (which the caller keeps and shuts down).
   *
   * @throws NoSuchFileException if {@code dir} is not a directory
   */
  public static ZarrGroup open(Path dir, Executor executor) throws IOException {
    Objects.requireNonNull(executor, "executor");
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "not a Zarr group directory");
    }
    Map<String, Object> attrs =
        MetadataReader.readObject(dir.resolve(ZarrKeys.ZATTRS)).orElse(null);
    if (attrs == null) {
      attrs =
          MetadataReader.readObject(dir.resolve(ZarrKeys.ZARR_JSON))
              .map(doc -> asMap(doc.get("attributes")))
              .orElse(Map.of());
    }
    Optional<Map<String, Object>> zmeta =
        MetadataReader.readObject(dir.resolve(ZarrKeys.ZMETADATA))
            .map(doc -> asMap(doc.get("metadata")));
    return new ZarrGroup(dir, withoutNulls(attrs), zmeta, executor);
  }

  public Path path() {
    return path;
  }

  /** The group's attributes (JSON values: Map, List, Long, Double, String, Boolean). */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** Paths of every array below this group, relative to it, sorted. */
  public List<String> arrayPaths() throws IOException {
    TreeSet<String> out = new TreeSet<>();
    if (consolidated.isPresent()) {
      for (String key : consolidated.get().keySet()) {
        if (ZarrKeys.name(key).equals(ZarrKeys.ZARRAY)) {
          out.add(ZarrKeys.parent(key));
        }
      }
      return List.copyOf(out);
    }
    collect(path, "", out);
    return List.copyOf(out);
  }

  /** Names of the arrays directly in this group. */
  public List<String> arrayNames() throws IOException {
    return arrayPaths().stream().filter(p -> !p.contains("/")).toList();
  }

  /** Opens an array by its path relative to this group. */
  public ZarrArray array(String relative) throws IOException {
    return ZarrArray.open(path.resolve(relative), executor);
  }

  /** Opens a subgroup by its path relative to this group. */
  public ZarrGroup group(String relative) throws IOException {
    return open(path.resolve(relative), executor);
  }

  private static void collect(Path dir, String prefix, TreeSet<String> out) throws IOException {
    List<Path> children = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isDirectory).forEach(children::add);
    }
    for (Path child : children) {
      String name = ZarrKeys.join(prefix, stripSlash(child.getFileName().toString()));
      if (Files.exists(child.resolve(ZarrKeys.ZARRAY)) || isV3Array(child)) {
        out.add(name);
      } else {
        collect(child, name, out);
      }
    }
  }

  private static boolean isV3Array(Path dir) throws IOException {
    return MetadataReader.readObject(dir.resolve(ZarrKeys.ZARR_JSON))
        .map(doc -> "array".equals(doc.get("node_type")))
        .orElse(false);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : Map.of();
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> m) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, v);
          }
        });
    return out;
  }

  @Override
  public String toString() {
    return "ZarrGroup[" + path + "]";
  }
}
