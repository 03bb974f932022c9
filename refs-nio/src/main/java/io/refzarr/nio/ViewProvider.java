package io.refzarr.nio;

import io.refzarr.refs.ReferenceSet;

/**
 * Service provider of the {@link ReferenceView}s other than {@link ReferenceView#RAW}, found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.refzarr.nio.ViewProvider}).
 * zarr-bridge provides them: refs-nio cannot decode chunks itself, since the codecs live above it.
 */
public interface ViewProvider {

  /** True if this provider presents {@code view}. */
  boolean supports(ReferenceView view);

  /**
   * The keys of {@code set} as {@code view} presents them. Cheap: metadata is read when first
   * needed.
   *
   * @param set the reference set; stays open for the view's life and is not closed by it
   * @param reader reads the set's raw bytes (the file system's own, with its block cache)
   */
  ViewStore open(ReferenceView view, ReferenceSet set, ReferenceReader reader);
}
