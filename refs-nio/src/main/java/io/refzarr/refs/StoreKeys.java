package io.refzarr.refs;

/**
 * The one grammar of store keys, checked wherever a reference set is read (JSON, Parquet {@code
 * .zmetadata}) or written (the builder, the sinks), so that no key can make a path walk outside the
 * set or break listing.
 *
 * <p>A key is one or more <em>segments</em> joined by {@code /}. A segment is not empty (so a key
 * has no leading, trailing or doubled {@code /}), is not {@code .} or {@code ..}, and holds no
 * control character (U+0000 to U+001F and U+007F). This is the intersection of what Zarr (v2 keys;
 * v3 node names, which also exclude {@code .} and {@code ..}) and fsspec's reference file system
 * can address: fsspec strips a leading {@code /}, so such a key would name a different key there,
 * and a {@code ..} segment would resolve outside its directory in any file-system view. Every other
 * character, including spaces, backslashes and non-ASCII letters, is allowed.
 */
public final class StoreKeys {
  private StoreKeys() {}

  /** What is wrong with {@code key} as a store key, or null if it is one. */
  public static String problem(String key) {
    if (key.isEmpty()) {
      return "a key cannot be empty";
    }
    int start = 0;
    while (true) {
      int slash = key.indexOf('/', start);
      int end = slash < 0 ? key.length() : slash;
      String reason = segmentProblem(key.substring(start, end));
      if (reason != null) {
        return reason;
      }
      if (slash < 0) {
        return null;
      }
      start = slash + 1;
    }
  }

  /**
   * What is wrong with {@code segment} as one segment of a key (no {@code /}), or null if it is
   * one.
   */
  public static String segmentProblem(String segment) {
    if (segment.isEmpty()) {
      return "a key has no empty segments (no leading, trailing or doubled '/')";
    }
    if (segment.equals(".") || segment.equals("..")) {
      return "a key has no '" + segment + "' segment";
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '/') {
        return "a key segment cannot contain '/'";
      }
      if (c < 0x20 || c == 0x7f) {
        return String.format("a key has no control characters (U+%04X at index %d)", (int) c, i);
      }
    }
    return null;
  }

  /**
   * Checks {@code key}.
   *
   * @param source the reference set being read or written, for the message
   * @throws InvalidReferenceSetException naming the key (quoted, control characters escaped)
   */
  public static void check(String source, String key) throws InvalidReferenceSetException {
    String reason = problem(key);
    if (reason != null) {
      throw new InvalidReferenceSetException(source, "key " + quote(key), reason);
    }
  }

  /**
   * {@code key} in double quotes with control characters, quotes and backslashes escaped, for
   * messages.
   */
  public static String quote(String key) {
    StringBuilder b = new StringBuilder(key.length() + 2).append('"');
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
