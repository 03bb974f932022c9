package io.refzarr.ops;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The array a key belongs to: the nearest directory at or above the key's own that has a {@code
 * .zarray}, climbing only over chunk-index segments. The key's directory alone does not name the
 * array: the chunk keys of an array with {@code dimension_separator: "/"} lie several directories
 * below it ({@code temp/0/1/2}). One lookup per directory, memoized (bounded).
 */
final class ArrayPaths {
  private static final int MEMO = 1 << 16;

  private final ReferenceSet set;
  private final Map<String, Optional<String>> arrays = new HashMap<>(); // directory -> array

  ArrayPaths(ReferenceSet set) {
    this.set = set;
  }

  /** The path of the array {@code key} lies in, or empty if it lies in none. */
  Optional<String> arrayOf(String key) throws IOException {
    String dir = ZarrKeys.parent(key);
    Optional<String> a = arrays.get(dir);
    if (a == null) {
      if (arrays.size() >= MEMO) {
        arrays.clear(); // a "/"-separated grid has a directory per row of chunks
      }
      a = find(dir);
      arrays.put(dir, a);
    }
    return a;
  }

  /** Where {@code key} is counted: its array, or its directory if it lies in no array. */
  String groupOf(String key) throws IOException {
    return arrayOf(key).orElseGet(() -> ZarrKeys.parent(key));
  }

  private Optional<String> find(String dir) throws IOException {
    String d = dir;
    while (true) {
      if (set.get(ZarrKeys.join(d, ZarrKeys.ZARRAY)).isPresent()) {
        return Optional.of(d);
      }
      if (d.isEmpty() || !isIndex(ZarrKeys.name(d))) {
        return Optional.empty();
      }
      d = ZarrKeys.parent(d);
    }
  }

  private static boolean isIndex(String segment) {
    return !segment.isEmpty() && segment.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
