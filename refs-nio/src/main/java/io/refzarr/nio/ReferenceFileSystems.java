package io.refzarr.nio;

import io.refzarr.refs.ReferenceSet;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;

/**
 * Static factories for {@code reference} file systems, for callers who hold a configuration object or an
 * in-memory {@link ReferenceSet} (for example a scanner's output) rather than an {@code env} map.
 */
public final class ReferenceFileSystems {
  private ReferenceFileSystems() {}

  /** Opens the reference set at {@code refs} (JSON, or any installed form) with the default configuration. */
  public static FileSystem newFileSystem(Path refs) throws IOException {
    return newFileSystem(refs, ReferenceFileSystemConfig.DEFAULT);
  }

  /** Opens the reference set at {@code refs} (JSON, or any installed form). */
  public static FileSystem newFileSystem(Path refs, ReferenceFileSystemConfig config) throws IOException {
    ReferenceFileSystemProvider provider = ReferenceFileSystemProvider.instance();
    return provider.open(refs, refs.toAbsolutePath().normalize().toUri(), config);
  }

  /**
   * Presents an in-memory reference set as a file system. The set stays the caller's: closing the file
   * system does not close it.
   */
  public static FileSystem newFileSystem(ReferenceSet set, ReferenceFileSystemConfig config) {
    return ReferenceFileSystemProvider.instance().wrap(set, config);
  }
}
