package io.refzarr.scan;

import java.net.URI;
import java.util.Objects;

/**
 * A file to scan.
 *
 * @param url the target as it is to be written into the references (a relative path, an absolute
 *     path or a URL; what readers will resolve)
 * @param location where to read the file now (a {@code file:}, {@code http(s):}, {@code s3:} or
 *     chained archive URI); often the same file as {@code url}
 */
public record ScanInput(String url, URI location) {
  public ScanInput {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(location, "location");
  }
}
