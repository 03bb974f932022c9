package io.refzarr.nio;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;

/** A path in a {@code reference} file system: a {@link KeyPath} bound to its file system. */
final class ReferencePath implements Path {
  private final ReferenceFileSystem fs;
  private final KeyPath path;

  ReferencePath(ReferenceFileSystem fs, KeyPath path) {
    this.fs = fs;
    this.path = path;
  }

  KeyPath keyPath() {
    return path;
  }

  /** The store key this path names ({@code ""} for the root). */
  String key() {
    return path.toAbsolute().normalize().toKey();
  }

  private ReferencePath wrap(KeyPath p) {
    return p == null ? null : (p == path ? this : new ReferencePath(fs, p));
  }

  private KeyPath unwrap(Path other) {
    Objects.requireNonNull(other, "other");
    if (!(other instanceof ReferencePath)) {
      throw new ProviderMismatchException("path " + other + " is not a reference file system path");
    }
    return ((ReferencePath) other).path;
  }

  @Override
  public FileSystem getFileSystem() {
    return fs;
  }

  @Override
  public boolean isAbsolute() {
    return path.isAbsolute();
  }

  @Override
  public Path getRoot() {
    return wrap(path.root());
  }

  @Override
  public Path getFileName() {
    return wrap(path.fileName());
  }

  @Override
  public Path getParent() {
    return wrap(path.parent());
  }

  @Override
  public int getNameCount() {
    return path.nameCount();
  }

  @Override
  public Path getName(int index) {
    if (index < 0 || index >= path.nameCount()) {
      throw new IllegalArgumentException("name " + index + " of " + path);
    }
    return wrap(path.subpath(index, index + 1));
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    return wrap(path.subpath(beginIndex, endIndex));
  }

  @Override
  public boolean startsWith(Path other) {
    return other instanceof ReferencePath
        && other.getFileSystem() == fs
        && path.startsWith(unwrap(other));
  }

  @Override
  public boolean startsWith(String other) {
    return path.startsWith(KeyPath.parse(other));
  }

  @Override
  public boolean endsWith(Path other) {
    return other instanceof ReferencePath
        && other.getFileSystem() == fs
        && path.endsWith(unwrap(other));
  }

  @Override
  public boolean endsWith(String other) {
    return path.endsWith(KeyPath.parse(other));
  }

  @Override
  public Path normalize() {
    return wrap(path.normalize());
  }

  @Override
  public Path resolve(Path other) {
    return wrap(path.resolve(unwrap(other)));
  }

  @Override
  public Path resolve(String other) {
    return wrap(path.resolve(KeyPath.parse(other)));
  }

  @Override
  public Path resolveSibling(Path other) {
    return wrap(path.resolveSibling(unwrap(other)));
  }

  @Override
  public Path resolveSibling(String other) {
    return wrap(path.resolveSibling(KeyPath.parse(other)));
  }

  @Override
  public Path relativize(Path other) {
    return wrap(path.relativize(unwrap(other)));
  }

  @Override
  public URI toUri() {
    return fs.uriOf(path.toAbsolute().normalize());
  }

  @Override
  public Path toAbsolutePath() {
    return wrap(path.toAbsolute());
  }

  @Override
  public Path toRealPath(LinkOption... options) throws IOException {
    ReferencePath real = wrap(path.toAbsolute().normalize());
    fs.provider().checkAccess(real);
    return real;
  }

  @Override
  public WatchKey register(
      WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
    throw new UnsupportedOperationException(
        "a reference file system cannot be watched: it never changes");
  }

  @Override
  public int compareTo(Path other) {
    return path.compareTo(unwrap(other));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReferencePath
        && ((ReferencePath) o).fs == fs
        && ((ReferencePath) o).path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + System.identityHashCode(fs);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
