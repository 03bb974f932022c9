package io.refzarr.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets a reference set may name, as URL prefixes ({@code file:/data/}, {@code
 * https://host/}, {@code s3://bucket/}), for opening sets from strangers: a set whose target is
 * anything else is refused before any I/O, so it cannot make a server read {@code /etc/passwd} or
 * an internal address. {@link #ANY} (the default) allows every target.
 *
 * <p>Matching is on a canonical form of both sides, never on the raw text: the scheme and host in
 * lower case, the user info and default port dropped, the path percent-decoded with its {@code .}
 * and {@code ..} segments applied (a path that climbs above its root is refused outright). A prefix
 * matches a target equal to it or continuing it at a segment boundary: {@code https://host/a}
 * allows {@code https://host/a/b} but neither {@code https://host/ab} nor {@code
 * https://host.evil/}. A chained URL ({@code tar://member::URL}) is checked on its innermost URL,
 * and its member names must be relative and free of {@code ..}. The check is lexical: a symbolic
 * link under an allowed directory is followed.
 */
public final class AllowedTargets {
  /** No restriction. */
  public static final AllowedTargets ANY = new AllowedTargets(List.of(), List.of());

  private final List<String> prefixes; // as given
  private final List<String> canonical;

  private AllowedTargets(List<String> prefixes, List<String> canonical) {
    this.prefixes = prefixes;
    this.canonical = canonical;
  }

  /**
   * Allows the targets under {@code prefixes}: URLs with a scheme, or absolute local paths.
   *
   * @throws IllegalArgumentException if there are none, or one is not an absolute URL or path
   */
  public static AllowedTargets of(Collection<String> prefixes) {
    if (prefixes.isEmpty()) {
      throw new IllegalArgumentException("an allow-list must name at least one target prefix");
    }
    List<String> canonical = new ArrayList<>();
    for (String p : prefixes) {
      canonical.add(canonicalPrefix(p));
    }
    return new AllowedTargets(List.copyOf(prefixes), List.copyOf(canonical));
  }

  /** Whether some targets are refused. */
  public boolean restricted() {
    return !canonical.isEmpty();
  }

  /** The prefixes as given; empty for {@link #ANY}. */
  public List<String> prefixes() {
    return prefixes;
  }

  /** Why a resolved target is refused, or empty if it is allowed. */
  public Optional<String> refusal(URI target) {
    if (!restricted()) {
      return Optional.empty();
    }
    URI inner = target;
    while (isChained(inner)) {
      ChainedUrl c = ChainedUrl.parse(inner);
      Optional<String> bad = badMember(c.member());
      if (bad.isPresent()) {
        return bad;
      }
      inner = c.container();
    }
    String canon;
    try {
      canon = canonical(inner);
    } catch (IllegalArgumentException e) {
      return Optional.of("the target is not allowed: " + e.getMessage());
    }
    for (String p : canonical) {
      if (canon.equals(p)
          || (canon.startsWith(p) && (p.endsWith("/") || canon.charAt(p.length()) == '/'))) {
        return Optional.empty();
      }
    }
    return Optional.of(
        "the target "
            + (inner.equals(target) ? "" : "(its innermost URL " + inner + ") ")
            + "is outside the allowed targets "
            + prefixes);
  }

  /** Why an archive member name is refused (absolute, or with a {@code ..} segment), if it is. */
  static Optional<String> badMember(String member) {
    String m = member.replace('\\', '/');
    if (m.startsWith("/") || m.matches("^[A-Za-z]:.*")) {
      return Optional.of("the archive member name " + member + " is an absolute path");
    }
    for (String seg : m.split("/", -1)) {
      if (seg.equals("..")) {
        return Optional.of("the archive member name " + member + " has a .. segment");
      }
    }
    return Optional.empty();
  }

  /** A tar or zip member URL, read through its container (other schemes are matched whole). */
  private static boolean isChained(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String ssp = uri.getRawSchemeSpecificPart();
    return (scheme.equals("tar") || scheme.equals("zip"))
        && ssp != null
        && ssp.startsWith("//")
        && ssp.contains("::");
  }

  private static String canonicalPrefix(String prefix) {
    URI uri;
    try {
      uri = prefix.startsWith("/") ? new URI("file", null, prefix, null) : new URI(prefix);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL or absolute path: " + prefix, e);
    }
    if (uri.getScheme() == null) {
      throw new IllegalArgumentException(
          "an allowed target must be a URL with a scheme or an absolute path: " + prefix);
    }
    if (isChained(uri)) {
      throw new IllegalArgumentException(
          "an allowed target must not be a chained URL (members are checked on their container): "
              + prefix);
    }
    try {
      return canonical(uri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a usable target prefix: " + prefix, e);
    }
  }

  /**
   * {@code scheme://host[:port]/normalised/decoded/path}, or {@code scheme:rest} for an opaque URI.
   */
  static String canonical(URI uri) {
    if (uri.getScheme() == null) {
      throw new IllegalArgumentException("a relative URL: " + uri);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.isOpaque()) {
      return scheme + ":" + uri.getSchemeSpecificPart();
    }
    String host = uri.getHost() != null ? uri.getHost() : authorityWithoutUser(uri);
    host = host == null ? "" : host.toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (port == 80 && scheme.equals("http"))
            || (port == 443 && scheme.equals("https"));
    if (scheme.equals("file") && host.equals("localhost")) {
      host = "";
    }
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + normalise(path);
  }

  private static String authorityWithoutUser(URI uri) {
    String a = uri.getAuthority(); // a registry-based authority, such as a bucket with underscores
    return a == null ? null : a.substring(a.indexOf('@') + 1);
  }

  /** Applies {@code .} and {@code ..} segments; refuses a path that climbs above its root. */
  private static String normalise(String path) {
    List<String> out = new ArrayList<>();
    String[] segs = path.split("/", -1);
    for (int i = 0; i < segs.length; i++) {
      String s = segs[i];
      boolean last = i == segs.length - 1;
      if (s.equals("..")) {
        if (out.isEmpty()) {
          throw new IllegalArgumentException("its path climbs above the root: " + path);
        }
        out.remove(out.size() - 1);
        if (last) {
          out.add("");
        }
      } else if (s.equals(".") || (s.isEmpty() && !last)) {
        if (last) {
          out.add("");
        }
      } else {
        out.add(s);
      }
    }
    return "/" + String.join("/", out);
  }
}
