package io.refzarr.nio;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.source.BlockCacheStats;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A reference set presented as a read-only Zarr directory tree.
 *
 * <h2>Design</h2>
 *
 * <p>{@link ReferenceFileSystemProvider} (public, ServiceLoader entry, URI parsing, registry)
 * delegates every operation here. Paths are {@link ReferencePath}s over pure {@link KeyPath}
 * algebra; a normalized absolute path names a store key ({@code /temp/0.0} is key {@code
 * temp/0.0}). The {@link ReferenceSet} answers what a key is (file, directory implied by key
 * prefixes, or absent) and where its bytes live. Reading goes through the file system's {@link
 * ReferenceReader} (target resolution, coalesced range reads, block cache; {@link TargetContent});
 * inline data is served from memory. Every open channel and directory stream is registered here and
 * closed with the file system.
 */
final class ReferenceFileSystem extends FileSystem {
  private final ReferenceFileSystemProvider provider;
  private final ReferenceSet set;
  private final boolean ownsSet;
  private final URI origin;
  private final ReferenceFileSystemConfig config;
  private final ReferenceReader reader;
  private final ReferenceFileStore store;
  private final ReferencePath root;
  private final ViewStore view; // null for the raw view: the set itself
  private final Set<Closeable> resources = ConcurrentHashMap.newKeySet();
  private volatile boolean open = true;

  ReferenceFileSystem(
      ReferenceFileSystemProvider provider,
      ReferenceSet set,
      boolean ownsSet,
      URI origin,
      ReferenceFileSystemConfig config) {
    this.provider = provider;
    this.set = set;
    this.ownsSet = ownsSet;
    this.origin = origin;
    this.config = config;
    this.reader = ReferenceReader.create(config);
    try {
      this.view = Views.open(config.view(), set, reader);
    } catch (RuntimeException e) {
      closeQuietly(reader, e);
      throw e;
    }
    this.store = new ReferenceFileStore(origin.toString());
    this.root = new ReferencePath(this, KeyPath.ROOT);
  }

  private static void closeQuietly(Closeable c, Exception primary) {
    try {
      c.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }

  URI origin() {
    return origin;
  }

  ReferenceSet referenceSet() {
    return set;
  }

  ReferenceFileSystemConfig config() {
    return config;
  }

  URI uriOf(KeyPath absolute) {
    return URI.create(
        ReferenceFileSystemProvider.SCHEME + ":" + origin + "!" + encodePath(absolute.toString()));
  }

  private static String encodePath(String path) {
    try {
      return new URI(null, null, path, null).getRawPath();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public ReferenceFileSystemProvider provider() {
    return provider;
  }

  @Override
  public void close() throws IOException {
    if (!open) {
      return;
    }
    open = false;
    provider.forget(this);
    IOException failure = null;
    for (Closeable c : resources.toArray(new Closeable[0])) {
      try {
        c.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    try {
      if (view != null) {
        view.close();
      }
      reader.close();
      if (ownsSet) {
        set.close();
      }
    } catch (IOException e) {
      failure = e;
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  void checkOpen() {
    if (!open) {
      throw new ClosedFileSystemException();
    }
  }

  @Override
  public boolean isReadOnly() {
    return true;
  }

  @Override
  public String getSeparator() {
    return "/";
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    return Set.of(root);
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return Set.of(store);
  }

  FileStore store() {
    return store;
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return Set.of("basic");
  }

  @Override
  public Path getPath(String first, String... more) {
    StringBuilder sb = new StringBuilder(first);
    for (String m : more) {
      if (!m.isEmpty()) {
        sb.append('/').append(m);
      }
    }
    return new ReferencePath(this, KeyPath.parse(sb.toString()));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    return Globs.matcher(syntaxAndPattern);
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    throw new UnsupportedOperationException("a reference file system has no users");
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException(
        "a reference file system cannot be watched: it never changes");
  }

  // ---- operations used by the provider ----

  ReferenceSet.Kind kind(ReferencePath path) throws IOException {
    checkOpen();
    return view != null ? view.kind(path.key()) : set.kind(path.key());
  }

  KeyAttributes attributes(ReferencePath path) throws IOException {
    checkOpen();
    String key = path.key();
    if (view != null) {
      return viewAttributes(path, key);
    }
    Optional<Reference> ref = set.get(key);
    if (ref.isPresent()) {
      return new KeyAttributes(ref.get(), reader.size(key, ref.get()));
    }
    if (set.kind(key) == ReferenceSet.Kind.DIRECTORY) {
      return KeyAttributes.directory();
    }
    throw new NoSuchFileException(path.toString());
  }

  private KeyAttributes viewAttributes(ReferencePath path, String key) throws IOException {
    return switch (view.kind(key)) {
      case FILE -> KeyAttributes.file(view.size(key));
      case DIRECTORY -> KeyAttributes.directory();
      case ABSENT -> throw new NoSuchFileException(path.toString());
    };
  }

  /** The content of a key, for reading. */
  KeyContent content(ReferencePath path) throws IOException {
    checkOpen();
    String key = path.key();
    if (view != null) {
      return switch (view.kind(key)) {
        case FILE -> Views.content(view, key);
        case DIRECTORY -> throw new FileSystemException(path.toString(), null, "is a directory");
        case ABSENT -> throw new NoSuchFileException(path.toString());
      };
    }
    Optional<Reference> ref = set.get(key);
    if (ref.isEmpty()) {
      if (set.kind(key) == ReferenceSet.Kind.DIRECTORY) {
        throw new FileSystemException(path.toString(), null, "is a directory");
      }
      throw new NoSuchFileException(path.toString());
    }
    return reader.content(key, ref.get());
  }

  /** The bytes of many keys at once (see {@link ReferenceFileSystems#readKeys}). */
  Map<String, byte[]> readKeys(Collection<String> keys) throws IOException {
    checkOpen();
    return view != null ? view.readAll(keys) : new MultiKeyRead(set::get, reader).read(keys);
  }

  /** Where a key's bytes lie in a local file (see {@link ReferenceFileSystems#fileRange}). */
  Optional<FileRange> fileRange(ReferencePath path) throws IOException {
    checkOpen();
    if (view != null) {
      return Optional.empty(); // a view's bytes are made, not stored
    }
    String key = path.key();
    Optional<Reference> ref = set.get(key);
    return ref.isEmpty() ? Optional.empty() : reader.fileRange(key, ref.get());
  }

  /** The block cache and request counts of this file system. */
  BlockCacheStats cacheStats() {
    return reader.stats();
  }

  ReferenceFileChannel newChannel(ReferencePath path) throws IOException {
    KeyContent content = content(path);
    ReferenceFileChannel[] holder = new ReferenceFileChannel[1];
    ReferenceFileChannel ch = new ReferenceFileChannel(content, () -> resources.remove(holder[0]));
    holder[0] = ch;
    register(ch);
    return ch;
  }

  DirectoryStream<Path> newDirectoryStream(
      ReferencePath dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    checkOpen();
    String key = dir.key();
    ReferenceSet.Kind kind = view != null ? view.kind(key) : set.kind(key);
    if (kind == ReferenceSet.Kind.FILE) {
      throw new NotDirectoryException(dir.toString());
    }
    if (kind == ReferenceSet.Kind.ABSENT) {
      throw new NoSuchFileException(dir.toString());
    }
    Stream<String> names = view != null ? view.list(key) : set.list(key);
    DirectoryStream<Path> stream =
        new DirectoryStream<>() {
          private boolean iterated;

          @Override
          public Iterator<Path> iterator() {
            if (iterated) {
              throw new IllegalStateException("a directory stream can be iterated once");
            }
            iterated = true;
            Iterator<String> it = names.iterator();
            return new Iterator<>() {
              private Path next;

              @Override
              public boolean hasNext() {
                try {
                  while (next == null && it.hasNext()) {
                    Path p = dir.resolve(it.next());
                    if (filter.accept(p)) {
                      next = p;
                    }
                  }
                } catch (IOException e) {
                  throw new java.nio.file.DirectoryIteratorException(e);
                } catch (
                    java.io.UncheckedIOException
                        e) { // a lazy set's list stream (see ReferenceSet#list)
                  throw new java.nio.file.DirectoryIteratorException(e.getCause());
                }
                return next != null;
              }

              @Override
              public Path next() {
                if (!hasNext()) {
                  throw new java.util.NoSuchElementException();
                }
                Path p = next;
                next = null;
                return p;
              }
            };
          }

          @Override
          public void close() {
            names.close();
            resources.remove(this);
          }
        };
    register(stream);
    return stream;
  }

  private void register(Closeable c) throws IOException {
    resources.add(c);
    if (!open) {
      resources.remove(c);
      c.close();
      throw new ClosedFileSystemException();
    }
  }

  @Override
  public String toString() {
    return "reference file system of " + origin;
  }
}
