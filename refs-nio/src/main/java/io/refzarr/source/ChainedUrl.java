package io.refzarr.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An fsspec chained URL naming a member of a container, {@code tar://dir/m.nc::file:///data/a.tar}:
 * the member path, and the container's own URL (any scheme, itself possibly chained).
 */
record ChainedUrl(String scheme, String member, URI container) {

  /** Whether {@code url} is written as {@code scheme://member::container}. */
  static boolean isChained(String url) {
    int sep = url.indexOf("://");
    return sep > 0 && url.indexOf("::", sep) > 0;
  }

  /** Splits a chained URL string; the container part is returned unresolved. */
  static String[] split(String url) {
    int sep = url.indexOf("://");
    int chain = url.indexOf("::", sep + 3);
    return new String[] {
      url.substring(0, sep).toLowerCase(Locale.ROOT),
      url.substring(sep + 3, chain),
      url.substring(chain + 2)
    };
  }

  /** Parses a URI made by {@link #toUri} (or any URI whose text is a chained URL). */
  static ChainedUrl parse(URI uri) {
    String ssp = uri.getSchemeSpecificPart();
    if (ssp == null || !ssp.startsWith("//") || !ssp.contains("::")) {
      throw new IllegalArgumentException(
          "not a chained URL (" + uri.getScheme() + "://member::url): " + uri);
    }
    int chain = ssp.indexOf("::");
    String member = ssp.substring(2, chain);
    if (member.isEmpty()) {
      throw new IllegalArgumentException("chained URL names no member: " + uri);
    }
    return new ChainedUrl(
        uri.getScheme().toLowerCase(Locale.ROOT), member, toUri(ssp.substring(chain + 2)));
  }

  /**
   * The URI of this chained URL. Always built with the quoting constructor, so that {@link
   * URI#getSchemeSpecificPart()} gives back the member and container text exactly.
   */
  URI toUri() {
    try {
      return new URI(scheme, "//" + member + "::" + container, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "not a usable chained URL: " + scheme + "://" + member + "::" + container, e);
    }
  }

  private static URI toUri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a usable container URL: " + text, e);
    }
  }
}
