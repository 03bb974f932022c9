package io.refzarr.nio;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.source.BlockCacheStats;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static factories for {@code reference} file systems, for callers who hold a configuration object
 * or an in-memory {@link ReferenceSet} (for example a scanner's output) rather than an {@code env}
 * map.
 */
public final class ReferenceFileSystems {
  private ReferenceFileSystems() {}

  /**
   * Opens the reference set at {@code refs} (JSON, or any installed form) with the default
   * configuration.
   */
  public static FileSystem newFileSystem(Path refs) throws IOException {
    return newFileSystem(refs, ReferenceFileSystemConfig.DEFAULT);
  }

  /** Opens the reference set at {@code refs} (JSON, or any installed form). */
  public static FileSystem newFileSystem(Path refs, ReferenceFileSystemConfig config)
      throws IOException {
    ReferenceFileSystemProvider provider = ReferenceFileSystemProvider.instance();
    return provider.open(refs, refs.toAbsolutePath().normalize().toUri(), config);
  }

  /**
   * Presents an in-memory reference set as a file system. The set stays the caller's: closing the
   * file system does not close it.
   */
  public static FileSystem newFileSystem(ReferenceSet set, ReferenceFileSystemConfig config) {
    return ReferenceFileSystemProvider.instance().wrap(set, config);
  }

  /**
   * Reads many keys of a {@code reference} file system at once, as readers of whole arrays and the
   * combine step do: ranges of one target are coalesced (within {@code maxGap}/{@code maxBlock}),
   * independent requests run concurrently (at most {@code maxConcurrentRequests}), and remote
   * ranges go through the shared block cache.
   *
   * @param fs a {@code reference} file system
   * @param keys store keys such as {@code "temp/0.0"} (no leading slash)
   * @return the bytes of each key that exists, in the order given; keys the set does not have are
   *     left out
   * @throws io.refzarr.source.ReferenceNotReachableException if a key's target cannot be read
   *     (naming the key, target and range)
   * @throws java.nio.file.ProviderMismatchException if {@code fs} is not a reference file system
   */
  public static Map<String, byte[]> readKeys(FileSystem fs, Collection<String> keys)
      throws IOException {
    return checkFs(fs).readKeys(keys);
  }

  /**
   * Reads many keys below a directory of a {@code reference} file system at once; {@code names} are
   * relative to {@code dir} ({@code "0.0"} under {@code /temp}) and so are the keys of the result.
   */
  public static Map<String, byte[]> readKeys(Path dir, Collection<String> names)
      throws IOException {
    ReferenceFileSystem fs = checkFs(dir.getFileSystem());
    String prefix = ((ReferencePath) dir.toAbsolutePath()).key();
    String base = prefix.isEmpty() ? "" : prefix + "/";
    List<String> keys = new ArrayList<>(names.size());
    names.forEach(n -> keys.add(base + n));
    Map<String, byte[]> byKey = fs.readKeys(keys);
    Map<String, byte[]> out = new LinkedHashMap<>();
    byKey.forEach((k, v) -> out.put(k.substring(base.length()), v));
    return out;
  }

  /**
   * Where the bytes of the key at {@code path} lie in a local file, when they do, so that a reader
   * can copy them file to file ({@link java.nio.channels.FileChannel#transferFrom}) without reading
   * them into the heap. Empty for keys that do not exist, inline data, targets that are not local
   * files (remote, archive members) and for decoded views. The target is resolved and checked
   * against the allow-list as for a read.
   *
   * @throws io.refzarr.source.ReferenceNotReachableException naming the key if the target is
   *     missing or shorter than the reference's range
   * @throws java.nio.file.ProviderMismatchException if {@code path} is not on a reference file
   *     system
   */
  public static Optional<FileRange> fileRange(Path path) throws IOException {
    ReferenceFileSystem fs = checkFs(path.getFileSystem());
    return fs.fileRange((ReferencePath) path.toAbsolutePath());
  }

  /** Hit, miss and request counts of a {@code reference} file system's block cache. */
  public static BlockCacheStats cacheStats(FileSystem fs) {
    return checkFs(fs).cacheStats();
  }

  private static ReferenceFileSystem checkFs(FileSystem fs) {
    if (!(fs instanceof ReferenceFileSystem)) {
      throw new ProviderMismatchException(fs + " is not a reference file system");
    }
    return (ReferenceFileSystem) fs;
  }
}
