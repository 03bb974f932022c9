package io.refzarr.source;

import io.refzarr.refs.Reference;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the target strings of a reference set into URIs, as fsspec does: a URL with a scheme is
 * used as is; a chained URL such as {@code tar://m.nc::archives/a.tar} keeps its scheme ({@code
 * tar}) and has its container part resolved by these same rules; fsspec's caching prefixes ({@code
 * simplecache::}, {@code filecache::}, {@code blockcache::}) are dropped, as the file system caches
 * blocks itself; an absolute path is a local file; a relative path is resolved against {@code root}
 * (kerchunk writes local targets relative to where it ran), or, with a remote protocol, taken as
 * {@code protocol://path}; the default target stands in for {@link Reference#DEFAULT_TARGET}.
 */
public final class TargetResolver {
  private static final Pattern SCHEME =
      Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

  private static final String[] CACHE_PREFIXES = {"simplecache::", "filecache::", "blockcache::"};

  private final Path root;
  private final String remoteProtocol;
  private final String defaultTarget;

  /**
   * @param root the directory relative paths resolve against
   * @param remoteProtocol the protocol of protocol-less targets ({@code "file"} for local files)
   * @param defaultTarget the target of references whose URL is null, if any
   */
  public TargetResolver(Path root, String remoteProtocol, Optional<String> defaultTarget) {
    this.root = root.toAbsolutePath().normalize();
    this.remoteProtocol = Objects.requireNonNull(remoteProtocol, "remoteProtocol");
    this.defaultTarget = defaultTarget.orElse(null);
    if (this.defaultTarget != null && this.defaultTarget.isEmpty()) {
      throw new IllegalArgumentException("the default target must not be empty");
    }
  }

  /**
   * The URI of a target string.
   *
   * @throws IllegalArgumentException if the target is the default one and none is configured, or
   *     cannot be made into a URI
   */
  public URI resolve(String target) {
    if (target.equals(Reference.DEFAULT_TARGET)) {
      if (defaultTarget == null) {
        throw new IllegalArgumentException(
            "the reference has a null url and no default target is configured");
      }
      return resolve(defaultTarget);
    }
    for (String prefix : CACHE_PREFIXES) {
      if (target.startsWith(prefix)) {
        return resolve(target.substring(prefix.length()));
      }
    }
    if (SCHEME.matcher(target).matches()) {
      if (ChainedUrl.isChained(target)) {
        String[] parts = ChainedUrl.split(target);
        return new ChainedUrl(parts[0], parts[1], resolve(parts[2])).toUri();
      }
      return toUri(target);
    }
    if (target.startsWith("file:")) {
      return toUri(target);
    }
    if (!remoteProtocol.equals("file")) {
      return toUri(remoteProtocol + "://" + target);
    }
    try {
      Path p = target.startsWith("/") ? root.getFileSystem().getPath(target) : root.resolve(target);
      return p.toAbsolutePath().normalize().toUri();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a usable path: " + target, e);
    }
  }

  /** The directory relative targets resolve against. */
  public Path root() {
    return root;
  }

  private static URI toUri(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      // URLs written by Python are often not strictly valid URIs (spaces, brackets): quote what is
      // illegal
      int colon = url.indexOf(':');
      try {
        return new URI(url.substring(0, colon), url.substring(colon + 1), null);
      } catch (URISyntaxException e2) {
        throw new IllegalArgumentException("not a usable URL: " + url, e2);
      }
    }
  }
}
