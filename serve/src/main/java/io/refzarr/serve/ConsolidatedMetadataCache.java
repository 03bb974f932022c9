package io.refzarr.serve;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code .zmetadata} built for a tree that has none, made once on first request (a set never
 * changes while served); a failed build is not kept, so the next request tries again.
 */
final class ConsolidatedMetadataCache {
  private final Path root;
  private volatile byte[] document;

  ConsolidatedMetadataCache(Path root) {
    this.root = root;
  }

  byte[] get() throws IOException {
    byte[] d = document;
    if (d == null) {
      synchronized (this) {
        d = document;
        if (d == null) {
          d = ConsolidatedMetadata.build(root);
          document = d;
        }
      }
    }
    return d;
  }
}
