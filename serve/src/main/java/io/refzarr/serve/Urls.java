package io.refzarr.serve;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** URL path ↔ key: percent-decoding, and refusing paths that would leave the root. */
final class Urls {
  private Urls() {}

  /**
   * The key a URL path names ({@code /temp/0.0} → {@code temp/0.0}, {@code /} → {@code ""}),
   * without the trailing {@code /} of a directory URL; empty for a path with {@code .} or {@code
   * ..} segments or empty segments, which no key has.
   */
  static Optional<String> key(URI requestUri) {
    String path = requestUri.getPath(); // decoded
    if (path == null || !path.startsWith("/")) {
      return Optional.empty();
    }
    String key = path.substring(1);
    if (key.endsWith("/")) {
      key = key.substring(0, key.length() - 1);
    }
    if (key.isEmpty()) {
      return Optional.of(key);
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return Optional.empty();
      }
    }
    return Optional.of(key);
  }

  /** One path segment percent-encoded for an href. */
  static String encodeSegment(String name) {
    try {
      return new URI(null, null, name, null).getRawPath().replace(":", "%3A");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot encode " + name, e);
    }
  }
}
