package io.refzarr.nio;

import io.refzarr.refs.Reference;
import io.refzarr.source.ArchiveMembers;
import io.refzarr.source.BlockCacheStats;
import io.refzarr.source.ByteRange;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.source.RangeReads;
import io.refzarr.source.ReferenceNotReachableException;
import io.refzarr.source.TargetResolver;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.channels.ClosedByInterruptException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the bytes that references name: the one way to do so, shared by the {@code reference} file
 * system and the operations on reference sets (combine, inline, verify). Targets are resolved as
 * the {@link ReferenceFileSystemConfig} says ({@link TargetResolver}, which also refuses targets
 * outside the configuration's allow-list with a {@link
 * io.refzarr.source.TargetNotAllowedException}, before any I/O); ranges go through the byte sources
 * of the configuration with its coalescing and block cache ({@link RangeReads}); inline bytes come
 * from memory. Any failure of a target is a {@link ReferenceNotReachableException} naming the key,
 * the target and the range, never a {@link java.nio.file.NoSuchFileException} (which Zarr readers
 * take for a missing chunk).
 *
 * <pre>{@code
 * try (ReferenceReader reader = ReferenceReader.create(config)) {
 *   byte[] chunk = reader.read("temp/0.0", set.get("temp/0.0").orElseThrow());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing it stops its threads and closes the byte sources it opened.
 */
public final class ReferenceReader implements Closeable {
  private final TargetResolver resolver;
  private final ByteRangeReaders sources;
  private final RangeReads reads;
  private final Map<String, URI> uris =
      new ConcurrentHashMap<>(); // resolving touches the disk: once per target

  private ReferenceReader(ReferenceFileSystemConfig config) {
    this.resolver =
        new TargetResolver(
            config.root(),
            config.remoteProtocol(),
            config.defaultTarget(),
            config.allowedTargets());
    this.sources = ByteRangeReaders.create(sourceOptions(config), config.sourceProviders());
    this.reads = RangeReads.create(sources, config.readSettings());
  }

  /**
   * With an allow-list, HTTP redirects are not followed: an allowed server could otherwise send the
   * request on to an address outside the list.
   */
  private static Map<String, Object> sourceOptions(ReferenceFileSystemConfig config) {
    if (!config.allowedTargets().restricted()) {
      return config.remoteOptions();
    }
    Map<String, Object> options = new HashMap<>(config.remoteOptions());
    options.put("http.followRedirects", false);
    return options;
  }

  /** A reader that finds and reads targets as {@code config} says. */
  public static ReferenceReader create(ReferenceFileSystemConfig config) {
    return new ReferenceReader(Objects.requireNonNull(config, "config"));
  }

  /**
   * The bytes of {@code key}, whose reference is {@code ref}: the inline data itself, or the range
   * (the whole target) read in one piece.
   *
   * @throws ReferenceNotReachableException if the target cannot be resolved, is missing, shorter
   *     than the reference says, too large for one array, or fails otherwise
   */
  public byte[] read(String key, Reference ref) throws IOException {
    if (ref instanceof Reference.Inline in) {
      return in.data();
    }
    TargetContent content = content(key, (Reference.Targeted) ref);
    ByteRange range = content.range();
    try {
      return reads.read(range);
    } catch (ClosedByInterruptException | InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw content.failure(e, range.length());
    }
  }

  /**
   * The bytes of many keys at once, in the order of {@code refs}: inline keys from memory, the
   * others as one batch of ranges (coalesced per target, fetched concurrently, shared through the
   * block cache).
   *
   * @throws ReferenceNotReachableException naming the first key whose target fails
   */
  public Map<String, byte[]> read(Map<String, ? extends Reference> refs) throws IOException {
    return new MultiKeyRead(key -> Optional.ofNullable(refs.get(key)), this).read(refs.keySet());
  }

  /**
   * The number of bytes of {@code key}: the reference's length, or the size of its whole target.
   */
  public long size(String key, Reference ref) throws IOException {
    return ref.length() >= 0 ? ref.length() : content(key, (Reference.Targeted) ref).size();
  }

  /**
   * Where the archive member that {@code target} names ({@code tar://m.nc::archives/a.tar}) lies in
   * its archive, from the archive's own headers (read once per archive); empty when {@code target}
   * is not a member URL.
   *
   * @throws ReferenceNotReachableException naming {@code key} if the archive cannot be read, has no
   *     such member, or the member is compressed or encrypted
   */
  public Optional<ArchiveMembers.Location> archiveMember(String key, String target)
      throws IOException {
    return member(key, target, ArchiveMembers::locate);
  }

  /**
   * The deflated zip member that {@code target} names ({@code zip://m.nc::archives/a.zip}) as the
   * range of its local header and compressed data (read from the archive's own headers); empty when
   * {@code target} is no member URL or names a member that is not deflated (which {@link
   * #archiveMember} locates, or says why it cannot).
   *
   * @throws ReferenceNotReachableException naming {@code key} if the archive cannot be read
   */
  public Optional<ArchiveMembers.Deflated> deflatedZipMember(String key, String target)
      throws IOException {
    return member(key, target, ArchiveMembers::locateDeflated);
  }

  /** How a member URL is looked up in its archive. */
  @FunctionalInterface
  private interface MemberLookup<T> {
    Optional<T> find(String url, URI location, ByteRangeReaders sources) throws IOException;
  }

  private <T> Optional<T> member(String key, String target, MemberLookup<T> lookup)
      throws IOException {
    if (!ArchiveMembers.isMember(target)) {
      return Optional.empty();
    }
    try {
      return lookup.find(target, uris.computeIfAbsent(target, resolver::resolve), sources);
    } catch (ClosedByInterruptException | InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ReferenceNotReachableException(key, target, e.getMessage(), e);
    }
  }

  /**
   * Where the bytes of {@code key} lie in a local file, when they do: a range or the whole of a
   * {@code file:} target. Empty for inline data and for every other target (remote, archive
   * member). The target is resolved and checked against the allow-list as for a read, and the range
   * against the file's size.
   *
   * @throws ReferenceNotReachableException naming the key if the target is missing or shorter than
   *     the range
   */
  public Optional<FileRange> fileRange(String key, Reference ref) throws IOException {
    if (!(ref instanceof Reference.Targeted t)) {
      return Optional.empty();
    }
    URI uri = resolve(key, t.target());
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      return Optional.empty();
    }
    String target = t.target().isEmpty() ? uri.toString() : t.target();
    java.nio.file.Path file = java.nio.file.Path.of(uri);
    long size;
    try {
      size = java.nio.file.Files.size(file);
    } catch (IOException e) {
      throw new ReferenceNotReachableException(key, target, e.toString(), e);
    }
    long length = ref.length() < 0 ? size - t.offset() : ref.length();
    if (length < 0 || t.offset() + length > size) {
      throw new ReferenceNotReachableException(
          key,
          target,
          "the target is shorter than the reference range ["
              + t.offset()
              + ", "
              + (t.offset() + Math.max(0, length))
              + ") says: it has "
              + size
              + " bytes",
          null);
    }
    return Optional.of(new FileRange(file, t.offset(), length));
  }

  /** Hit, miss and request counts of the block cache so far. */
  public BlockCacheStats stats() {
    return reads.stats();
  }

  /** The content of a key, readable at any position. */
  KeyContent content(String key, Reference ref) throws IOException {
    return ref instanceof Reference.Inline in
        ? KeyContent.of(in.data())
        : content(key, (Reference.Targeted) ref);
  }

  /**
   * The content of a key whose bytes live in a target; a target that cannot be resolved fails here.
   */
  TargetContent content(String key, Reference.Targeted ref) throws IOException {
    String target = ref.target();
    URI uri = resolve(key, target);
    try {
      return new TargetContent(
          key, target, uri, sources.forTarget(uri), reads, ref.offset(), ref.length());
    } catch (IOException | RuntimeException e) {
      throw new ReferenceNotReachableException(key, target, e.getMessage(), e);
    }
  }

  // Resolving touches the disk: once per target. Checks the allow-list before any I/O.
  private URI resolve(String key, String target) throws ReferenceNotReachableException {
    URI uri = uris.get(target);
    if (uri == null) {
      uri = resolver.resolve(key, target);
      uris.put(target, uri);
    }
    return uri;
  }

  RangeReads reads() {
    return reads;
  }

  @Override
  public void close() throws IOException {
    reads.close();
    sources.close();
  }
}
