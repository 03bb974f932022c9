package io.refzarr.scan;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file to scan.
 *
 * @param url the target as it is to be written into the references (a relative path, an absolute
 *     path or a URL; what readers will resolve)
 * @param location where to read the file now (a {@code file:}, {@code http(s):}, {@code s3:} or
 *     chained archive URI); often the same file as {@code url}
 */
public record ScanInput(String url, URI location) implements Serializable {
  private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

  public ScanInput {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(location, "location");
  }

  /**
   * An input named as a user types it: written into the references as given, read at {@link
   * #location}.
   */
  public static ScanInput of(String input) {
    return new ScanInput(input, location(input));
  }

  /**
   * Where to read {@code input}: a URL is used as is (two or more scheme letters, so {@code C:\x}
   * stays a path), else it is a local path made absolute against the working directory. The
   * container of a chained URL ({@code tar://m.nc::archives/a.tar}) follows the same rule.
   */
  public static URI location(String input) {
    int chain = input.lastIndexOf("::");
    if (chain > 0 && isUrl(input)) {
      return URI.create(input.substring(0, chain + 2) + location(input.substring(chain + 2)));
    }
    if (isUrl(input)) {
      return URI.create(input);
    }
    return Path.of(input).toAbsolutePath().normalize().toUri();
  }

  /** Whether {@code s} is a URL rather than a local path. */
  public static boolean isUrl(String s) {
    return URL.matcher(s).matches() && s.indexOf(':') > 1;
  }
}
