package io.refzarr.nio;

import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Pure path algebra for {@code /}-separated paths: an absolute flag and a list of names. No I/O, no
 * file system: {@link ReferencePath} wraps it. Empty names never occur; {@code "."} and {@code
 * ".."} are kept until {@link #normalize()}.
 */
final class KeyPath implements Comparable<KeyPath> {
  static final KeyPath ROOT = new KeyPath(true, List.of());
  static final KeyPath EMPTY = new KeyPath(false, List.of());

  private final boolean absolute;
  private final List<String> names;

  private KeyPath(boolean absolute, List<String> names) {
    this.absolute = absolute;
    this.names = names;
  }

  /**
   * Parses a path string; repeated and trailing slashes are ignored.
   *
   * @throws InvalidPathException for a NUL, as {@code getPath} and {@code resolve} promise
   */
  static KeyPath parse(String path) {
    int nul = path.indexOf('\0');
    if (nul >= 0) {
      throw new InvalidPathException(path, "NUL character in path", nul);
    }
    List<String> names = new ArrayList<>();
    for (String part : path.split("/", -1)) {
      if (!part.isEmpty()) {
        names.add(part);
      }
    }
    return new KeyPath(path.startsWith("/"), List.copyOf(names));
  }

  /** The absolute path of a store key ({@code ""} is the root). */
  static KeyPath ofKey(String key) {
    return key.isEmpty() ? ROOT : new KeyPath(true, List.of(key.split("/", -1)));
  }

  boolean isAbsolute() {
    return absolute;
  }

  int nameCount() {
    return names.size();
  }

  String name(int i) {
    return names.get(i);
  }

  List<String> names() {
    return names;
  }

  boolean isEmpty() {
    return !absolute && names.isEmpty();
  }

  KeyPath root() {
    return absolute ? ROOT : null;
  }

  KeyPath fileName() {
    return names.isEmpty() ? null : new KeyPath(false, List.of(names.get(names.size() - 1)));
  }

  KeyPath parent() {
    if (names.isEmpty() || (!absolute && names.size() == 1)) {
      return absolute && !names.isEmpty() ? ROOT : null;
    }
    return new KeyPath(absolute, names.subList(0, names.size() - 1));
  }

  KeyPath subpath(int begin, int end) {
    if (begin < 0 || end > names.size() || begin >= end) {
      throw new IllegalArgumentException("subpath(" + begin + ", " + end + ") of " + this);
    }
    return new KeyPath(false, List.copyOf(names.subList(begin, end)));
  }

  boolean startsWith(KeyPath other) {
    return absolute == other.absolute
        && other.names.size() <= names.size()
        && names.subList(0, other.names.size()).equals(other.names);
  }

  boolean endsWith(KeyPath other) {
    if (other.absolute) {
      return equals(other);
    }
    int n = other.names.size();
    return n <= names.size() && names.subList(names.size() - n, names.size()).equals(other.names);
  }

  KeyPath normalize() {
    List<String> out = new ArrayList<>(names.size());
    for (String n : names) {
      if (n.equals(".")) {
        continue;
      }
      if (n.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
          continue;
        }
        if (absolute) {
          continue; // "/.." is "/"
        }
      }
      out.add(n);
    }
    return out.equals(names) ? this : new KeyPath(absolute, List.copyOf(out));
  }

  KeyPath resolve(KeyPath other) {
    if (other.absolute) {
      return other;
    }
    if (other.names.isEmpty()) {
      return this;
    }
    List<String> out = new ArrayList<>(names);
    out.addAll(other.names);
    return new KeyPath(absolute, List.copyOf(out));
  }

  KeyPath resolveSibling(KeyPath other) {
    KeyPath parent = parent();
    return parent == null ? other : parent.resolve(other);
  }

  KeyPath relativize(KeyPath other) {
    if (absolute != other.absolute) {
      throw new IllegalArgumentException(
          "cannot relativize "
              + other
              + " against "
              + this
              + ": one is absolute, the other is not");
    }
    int common = 0;
    while (common < names.size()
        && common < other.names.size()
        && names.get(common).equals(other.names.get(common))) {
      common++;
    }
    List<String> out = new ArrayList<>();
    for (int i = common; i < names.size(); i++) {
      out.add("..");
    }
    out.addAll(other.names.subList(common, other.names.size()));
    return new KeyPath(false, List.copyOf(out));
  }

  KeyPath toAbsolute() {
    return absolute ? this : ROOT.resolve(this);
  }

  /** The store key of a normalized absolute path ({@code ""} for the root). */
  String toKey() {
    return String.join("/", names);
  }

  @Override
  public String toString() {
    String joined = String.join("/", names);
    return absolute ? "/" + joined : joined;
  }

  @Override
  public int compareTo(KeyPath o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyPath
        && ((KeyPath) o).absolute == absolute
        && ((KeyPath) o).names.equals(names);
  }

  @Override
  public int hashCode() {
    return Objects.hash(absolute, names);
  }

  /** The names as an unmodifiable list (for iteration). */
  List<String> nameList() {
    return Collections.unmodifiableList(names);
  }
}
