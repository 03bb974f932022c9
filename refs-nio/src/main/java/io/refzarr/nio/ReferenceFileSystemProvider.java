package io.refzarr.nio;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetFormat;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The {@code reference} file-system provider: opens reference sets (JSON files, or any form an
 * installed {@link ReferenceSetFormat} recognises, such as Parquet directories) as read-only Zarr
 * directory trees.
 *
 * <p>Open one with {@code FileSystems.newFileSystem(Path refs, env)}, or by URI: {@code
 * reference:file:///data/refs.json!/temp/0.0.0} names key {@code temp/0.0.0} of the set {@code
 * file:///data/refs.json}. The {@code env} properties are listed in {@link
 * ReferenceFileSystemConfig}. Every operation checks its path and delegates to the file system;
 * every mutation throws {@link ReadOnlyFileSystemException}.
 */
public final class ReferenceFileSystemProvider extends FileSystemProvider {
  /** The URI scheme, as fsspec names the protocol. */
  public static final String SCHEME = "reference";

  private final Map<URI, ReferenceFileSystem> registry = new ConcurrentHashMap<>();

  /**
   * For {@link ServiceLoader} only; use {@code FileSystems.newFileSystem} or {@link
   * ReferenceFileSystems}.
   */
  @Deprecated
  public ReferenceFileSystemProvider() {}

  /** The provider instance installed in the JVM, or a private one if refzarr is not installed. */
  static ReferenceFileSystemProvider instance() {
    for (FileSystemProvider p : FileSystemProvider.installedProviders()) {
      if (p instanceof ReferenceFileSystemProvider) {
        return (ReferenceFileSystemProvider) p;
      }
    }
    return Holder.PRIVATE;
  }

  private static final class Holder {
    @SuppressWarnings("deprecation")
    static final ReferenceFileSystemProvider PRIVATE = new ReferenceFileSystemProvider();
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  // ---- opening and the registry ----

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
    URI setUri = setUri(uri);
    Path location = toLocation(setUri);
    ReferenceFileSystemConfig config = ReferenceFileSystemConfig.fromEnv(env);
    synchronized (registry) {
      if (registry.containsKey(setUri)) {
        throw new FileSystemAlreadyExistsException(setUri.toString());
      }
      ReferenceFileSystem fs = open(location, setUri, config);
      registry.put(setUri, fs);
      return fs;
    }
  }

  @Override
  public FileSystem newFileSystem(Path path, Map<String, ?> env) throws IOException {
    if (!looksLikeReferenceSet(path)) {
      throw new UnsupportedOperationException(path + " is not a reference set");
    }
    ReferenceFileSystemConfig config = ReferenceFileSystemConfig.fromEnv(env);
    URI setUri = path.toAbsolutePath().normalize().toUri();
    ReferenceFileSystem fs = open(path, setUri, config);
    registry.putIfAbsent(setUri, fs);
    return fs;
  }

  ReferenceFileSystem open(Path location, URI setUri, ReferenceFileSystemConfig config)
      throws IOException {
    ReferenceSet set = ReferenceSets.open(location, config.readOptions());
    try {
      return new ReferenceFileSystem(this, set, true, setUri, config);
    } catch (RuntimeException e) {
      try {
        set.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  ReferenceFileSystem wrap(ReferenceSet set, ReferenceFileSystemConfig config) {
    return new ReferenceFileSystem(
        this, set, false, URI.create("memory:" + UUID.randomUUID()), config);
  }

  void forget(ReferenceFileSystem fs) {
    registry.remove(fs.origin(), fs);
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    ReferenceFileSystem fs = registry.get(setUri(uri));
    if (fs == null) {
      throw new FileSystemNotFoundException("no open reference file system for " + setUri(uri));
    }
    return fs;
  }

  @Override
  public Path getPath(URI uri) {
    ReferenceFileSystem fs = (ReferenceFileSystem) getFileSystem(uri);
    String raw = uri.getRawSchemeSpecificPart();
    int bang = raw.indexOf("!/");
    String key = bang < 0 ? "/" : URI.create(raw.substring(bang + 1)).getPath();
    return fs.getPath(key);
  }

  private static URI setUri(URI uri) {
    if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("not a " + SCHEME + ": URI: " + uri);
    }
    String raw = uri.getRawSchemeSpecificPart();
    int bang = raw.indexOf("!/");
    return URI.create(bang < 0 ? raw : raw.substring(0, bang)).normalize();
  }

  private static Path toLocation(URI setUri) {
    try {
      return Path.of(setUri);
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      throw new IllegalArgumentException(
          "cannot open the reference set " + setUri + ": " + e.getMessage(), e);
    }
  }

  /** A JSON object file, or a location an installed reference-set format recognises. */
  static boolean looksLikeReferenceSet(Path path) throws IOException {
    for (ReferenceSetFormat f :
        ServiceLoader.load(
            ReferenceSetFormat.class, ReferenceFileSystemProvider.class.getClassLoader())) {
      if (f.recognizes(path)) {
        return true;
      }
    }
    if (!Files.isRegularFile(path)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(4096);
      for (byte b : head) {
        if (b == '{') {
          return true;
        }
        if (b != ' '
            && b != '\n'
            && b != '\r'
            && b != '\t'
            && (b & 0xff) != 0xEF
            && (b & 0xff) != 0xBB
            && (b & 0xff) != 0xBF) {
          return false;
        }
      }
      return false;
    }
  }

  // ---- reading ----

  private static ReferencePath check(Path path) {
    if (!(path instanceof ReferencePath)) {
      throw new ProviderMismatchException(
          "path " + path + " is not associated with a reference file system");
    }
    return (ReferencePath) path;
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    return newFileChannel(path, options, attrs);
  }

  @Override
  public FileChannel newFileChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    ReferencePath p = check(path);
    checkReadOptions(options);
    return ((ReferenceFileSystem) p.getFileSystem()).newChannel(p);
  }

  @Override
  public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
    checkReadOptions(Set.of(options));
    return java.nio.channels.Channels.newInputStream(newFileChannel(path, Set.of()));
  }

  private static void checkReadOptions(Set<? extends OpenOption> options) {
    for (OpenOption o : options) {
      if (o == StandardOpenOption.WRITE
          || o == StandardOpenOption.APPEND
          || o == StandardOpenOption.CREATE
          || o == StandardOpenOption.CREATE_NEW
          || o == StandardOpenOption.TRUNCATE_EXISTING
          || o == StandardOpenOption.DELETE_ON_CLOSE) {
        throw new ReadOnlyFileSystemException();
      }
      if (!(o instanceof StandardOpenOption) && !(o instanceof LinkOption)) {
        throw new UnsupportedOperationException("open option " + o + " is not supported");
      }
    }
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    ReferencePath p = check(dir);
    return ((ReferenceFileSystem) p.getFileSystem()).newDirectoryStream(p, filter);
  }

  @Override
  public boolean isSameFile(Path path, Path path2) {
    return path.equals(path2)
        || (path instanceof ReferencePath
            && path2 instanceof ReferencePath
            && path.getFileSystem() == path2.getFileSystem()
            && path.toAbsolutePath().normalize().equals(path2.toAbsolutePath().normalize()));
  }

  @Override
  public boolean isHidden(Path path) {
    Path name = check(path).getFileName();
    return name != null && name.toString().startsWith(".");
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    ReferencePath p = check(path);
    checkAccess(p);
    return ((ReferenceFileSystem) p.getFileSystem()).store();
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    ReferencePath p = check(path);
    ReferenceFileSystem fs = (ReferenceFileSystem) p.getFileSystem();
    io.refzarr.refs.ReferenceSet.Kind kind = fs.kind(p);
    if (kind == io.refzarr.refs.ReferenceSet.Kind.ABSENT) {
      throw new NoSuchFileException(path.toString());
    }
    for (AccessMode m : modes) {
      if (m == AccessMode.WRITE) {
        throw new AccessDeniedException(path.toString(), null, "read-only file system");
      }
      if (m == AccessMode.EXECUTE && kind == io.refzarr.refs.ReferenceSet.Kind.FILE) {
        throw new AccessDeniedException(path.toString(), null, "keys are not executable");
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    ReferencePath p = check(path);
    if (type != BasicFileAttributes.class && type != ReferenceFileAttributes.class) {
      throw new UnsupportedOperationException(
          "attributes " + type.getName() + " are not supported");
    }
    return (A) ((ReferenceFileSystem) p.getFileSystem()).attributes(p);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    ReferencePath p = check(path);
    return ((ReferenceFileSystem) p.getFileSystem()).attributes(p).toMap(attributes);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    ReferencePath p = check(path);
    if (type != BasicFileAttributeView.class) {
      return null;
    }
    return (V)
        new BasicFileAttributeView() {
          @Override
          public String name() {
            return "basic";
          }

          @Override
          public BasicFileAttributes readAttributes() throws IOException {
            return ((ReferenceFileSystem) p.getFileSystem()).attributes(p);
          }

          @Override
          public void setTimes(
              FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) {
            throw new ReadOnlyFileSystemException();
          }
        };
  }

  // ---- mutations: all refused ----

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) {
    check(dir);
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public void delete(Path path) {
    check(path);
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) {
    check(target);
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) {
    check(source);
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
    check(path);
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) {
    check(link);
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public void createLink(Path link, Path existing) {
    check(link);
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public java.nio.channels.AsynchronousFileChannel newAsynchronousFileChannel(
      Path path,
      Set<? extends OpenOption> options,
      ExecutorService executor,
      FileAttribute<?>... attrs) {
    throw new UnsupportedOperationException("asynchronous channels are not supported");
  }
}
