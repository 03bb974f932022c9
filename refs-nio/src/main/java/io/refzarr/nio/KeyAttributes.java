package io.refzarr.nio;

import io.refzarr.refs.Reference;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Attributes of a key or a directory. All times are the epoch: a reference set has no times of its
 * own.
 */
final class KeyAttributes implements ReferenceFileAttributes {
  private static final FileTime EPOCH = FileTime.fromMillis(0);

  private final Reference reference; // null for a directory and for a file of a view
  private final long size;
  private final boolean file;

  KeyAttributes(Reference reference, long size) {
    this(reference, size, true);
  }

  private KeyAttributes(Reference reference, long size, boolean file) {
    this.reference = reference;
    this.size = size;
    this.file = file;
  }

  static KeyAttributes directory() {
    return new KeyAttributes(null, 0, false);
  }

  /**
   * A file of a non-raw view: its bytes are made by the view, so it has no reference of its own.
   */
  static KeyAttributes file(long size) {
    return new KeyAttributes(null, size, true);
  }

  @Override
  public Optional<Reference> reference() {
    return Optional.ofNullable(reference);
  }

  @Override
  public FileTime lastModifiedTime() {
    return EPOCH;
  }

  @Override
  public FileTime lastAccessTime() {
    return EPOCH;
  }

  @Override
  public FileTime creationTime() {
    return EPOCH;
  }

  @Override
  public boolean isRegularFile() {
    return file;
  }

  @Override
  public boolean isDirectory() {
    return !file;
  }

  @Override
  public boolean isSymbolicLink() {
    return false;
  }

  @Override
  public boolean isOther() {
    return false;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Object fileKey() {
    return null;
  }

  /** The attributes named by a {@code readAttributes(path, "basic:size,isDirectory")} request. */
  Map<String, Object> toMap(String attributes) {
    String spec = attributes;
    int colon = spec.indexOf(':');
    if (colon >= 0) {
      String view = spec.substring(0, colon);
      if (!view.equals("basic") && !view.equals("reference")) {
        throw new UnsupportedOperationException("attribute view \"" + view + "\" is not supported");
      }
      spec = spec.substring(colon + 1);
    }
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("lastModifiedTime", lastModifiedTime());
    all.put("lastAccessTime", lastAccessTime());
    all.put("creationTime", creationTime());
    all.put("size", size());
    all.put("isRegularFile", isRegularFile());
    all.put("isDirectory", isDirectory());
    all.put("isSymbolicLink", false);
    all.put("isOther", false);
    all.put("fileKey", null);
    if (spec.equals("*")) {
      return all;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : spec.split(",")) {
      if (!all.containsKey(name)) {
        throw new IllegalArgumentException("unknown attribute \"" + name + "\"");
      }
      out.put(name, all.get(name));
    }
    return out;
  }
}
