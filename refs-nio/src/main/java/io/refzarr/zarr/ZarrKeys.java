package io.refzarr.zarr;

/** Names of Zarr metadata keys and helpers to tell metadata keys from chunk keys. */
public final class ZarrKeys {
  public static final String ZARRAY = ".zarray";
  public static final String ZATTRS = ".zattrs";
  public static final String ZGROUP = ".zgroup";
  public static final String ZMETADATA = ".zmetadata";
  public static final String ZARR_JSON = "zarr.json";

  private ZarrKeys() {}

  /** The last path segment of a key. */
  public static String name(String key) {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? key : key.substring(slash + 1);
  }

  /** Everything before the last {@code /} of a key, or {@code ""} for a top-level key. */
  public static String parent(String key) {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? "" : key.substring(0, slash);
  }

  /** Joins a directory prefix and a name ({@code ""} prefix means the root). */
  public static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  /**
   * The Zarr v2 key of a chunk with the {@code .} separator: {@code array/i.j.k}, or {@code
   * array/0} for a 0-d array ({@code array} {@code ""} for a root array).
   */
  public static String chunkKey(String array, long[] index) {
    StringBuilder key = new StringBuilder(array.length() + 8 * index.length + 2);
    if (!array.isEmpty()) {
      key.append(array).append('/');
    }
    for (int d = 0; d < index.length; d++) {
      key.append(d == 0 ? "" : ".").append(index[d]);
    }
    return key.append(index.length == 0 ? "0" : "").toString();
  }

  /**
   * True for {@code .zarray}, {@code .zattrs}, {@code .zgroup}, {@code .zmetadata} and {@code
   * zarr.json}.
   */
  public static boolean isMetadataName(String name) {
    return name.startsWith(".z") || name.equals(ZARR_JSON);
  }
}
