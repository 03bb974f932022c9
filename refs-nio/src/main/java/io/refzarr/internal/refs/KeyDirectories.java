package io.refzarr.internal.refs;

import io.refzarr.zarr.ZarrKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The directories a set of store keys implies: every {@code /}-separated prefix of a key is a
 * directory, listing the names directly below it. Built once from the keys that are stored by name
 * (metadata and other plain keys) and the array paths; chunk names are left to the set, which lists
 * them from its own grid. Immutable once built.
 */
public final class KeyDirectories {
  private final Map<String, TreeSet<String>> names = new HashMap<>();

  private KeyDirectories() {
    names.put("", new TreeSet<>());
  }

  /**
   * The directories of {@code keys}, plus {@code directories} (such as array paths) which are
   * directories even before anything is listed in them.
   */
  public static KeyDirectories of(Iterable<String> keys, Iterable<String> directories) {
    KeyDirectories d = new KeyDirectories();
    keys.forEach(d::add);
    for (String dir : directories) {
      if (!dir.isEmpty()) {
        d.add(dir);
      }
      d.names.computeIfAbsent(dir, x -> new TreeSet<>());
    }
    return d;
  }

  private void add(String key) {
    String child = key;
    String parent = ZarrKeys.parent(child);
    while (true) {
      TreeSet<String> listed = names.computeIfAbsent(parent, p -> new TreeSet<>());
      if (!listed.add(ZarrKeys.name(child)) || parent.isEmpty()) {
        return;
      }
      child = parent;
      parent = ZarrKeys.parent(child);
    }
  }

  /** Whether {@code key} is a directory ({@code ""}, the root, always is). */
  public boolean isDirectory(String key) {
    return names.containsKey(key);
  }

  /** The sorted names directly below {@code directory}; empty if it is not a directory. */
  public Stream<String> names(String directory) {
    TreeSet<String> listed = names.get(directory);
    return listed == null ? Stream.empty() : listed.stream();
  }
}
