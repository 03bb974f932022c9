package io.refzarr.source;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.spi.FileSystemProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The byte sources of one file system, by URL scheme: readers are created on first use from the
 * installed {@link ByteRangeReaderProvider}s, falling back to the built-in NIO reader for {@code
 * file} and every installed {@link FileSystemProvider} scheme. Closing the registry closes its
 * readers.
 */
public final class ByteRangeReaders implements Closeable {
  private final Map<String, Object> options;
  private final Map<String, ByteRangeReaderProvider> providers = new HashMap<>();
  private final Map<String, ByteRangeReader> readers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private ByteRangeReaders(Map<String, Object> options, ClassLoader loader) {
    this.options = Map.copyOf(options);
    for (ByteRangeReaderProvider p : ServiceLoader.load(ByteRangeReaderProvider.class, loader)) {
      addIfAbsent(p);
    }
    addIfAbsent(new HttpByteRangeReaderProvider());
    addIfAbsent(new ArchiveMemberReaderProvider());
  }

  private void addIfAbsent(ByteRangeReaderProvider p) {
    for (String scheme : p.schemes()) {
      providers.putIfAbsent(scheme.toLowerCase(Locale.ROOT), p);
    }
  }

  /**
   * A registry with the given source options, using the providers visible to refzarr's class
   * loader.
   */
  public static ByteRangeReaders create(Map<String, Object> options) {
    return new ByteRangeReaders(options, ByteRangeReaders.class.getClassLoader());
  }

  /**
   * A registry with the given source options and {@code extra} providers, which take precedence
   * over the installed ones (in order: a later provider for a scheme replaces an earlier one).
   */
  public static ByteRangeReaders create(
      Map<String, Object> options, List<ByteRangeReaderProvider> extra) {
    ByteRangeReaders r = create(options);
    extra.forEach(r::register);
    return r;
  }

  /**
   * A new instance of the built-in reader for {@code file:} and any installed NIO file-system
   * provider, for users' own providers that decorate it (tracking, fault injection).
   */
  public static ByteRangeReader nio() {
    return new NioByteRangeReader();
  }

  /**
   * A new instance of the built-in HTTP(S) reader with the given source options (see the package
   * docs).
   */
  public static ByteRangeReader http(Map<String, Object> options) {
    ByteRangeReaders registry = create(options);
    return new HttpByteRangeReaderProvider().create(new SourceContext(options, registry));
  }

  /**
   * Adds a provider for its schemes, ahead of installed ones (for users' own sources and tests).
   */
  public ByteRangeReaders register(ByteRangeReaderProvider provider) {
    for (String scheme : provider.schemes()) {
      providers.put(scheme.toLowerCase(Locale.ROOT), provider);
    }
    return this;
  }

  /** The reader for {@code target}'s scheme. */
  public ByteRangeReader forTarget(URI target) throws IOException {
    String scheme =
        target.getScheme() == null ? "file" : target.getScheme().toLowerCase(Locale.ROOT);
    ByteRangeReader r = readers.get(scheme);
    return r != null ? r : create(scheme);
  }

  private synchronized ByteRangeReader create(String scheme) throws IOException {
    if (closed) {
      throw new IOException("byte sources are closed");
    }
    ByteRangeReader r = readers.get(scheme);
    if (r != null) {
      return r;
    }
    ByteRangeReaderProvider p = providers.get(scheme);
    if (p != null) {
      r = p.create(new SourceContext(options, this));
    } else if (hasNioProvider(scheme)) {
      r = new NioByteRangeReader();
    } else {
      throw new java.nio.file.ProviderNotFoundException(
          "no byte source for URL scheme \""
              + scheme
              + "\" (add the module that provides it, such as"
              + " refs-s3 for s3, or register a ByteRangeReaderProvider)");
    }
    readers.put(scheme, r);
    return r;
  }

  private static boolean hasNioProvider(String scheme) {
    if (scheme.equals("file")) {
      return true;
    }
    for (FileSystemProvider p : FileSystemProvider.installedProviders()) {
      if (p.getScheme().equalsIgnoreCase(scheme)) {
        return true;
      }
    }
    return false;
  }

  /** Source options as given (for providers). */
  public Map<String, Object> options() {
    return options;
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    IOException first = null;
    for (ByteRangeReader r : readers.values()) {
      try {
        r.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    readers.clear();
    if (first != null) {
      throw first;
    }
  }

  static java.nio.file.Path toPath(URI target) throws IOException {
    try {
      return java.nio.file.Path.of(target);
    } catch (FileSystemNotFoundException | IllegalArgumentException e) {
      throw new IOException("cannot open " + target + " as a path: " + e.getMessage(), e);
    }
  }
}
