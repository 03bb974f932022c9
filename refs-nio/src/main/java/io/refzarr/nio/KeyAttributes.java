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

  private final Reference reference; // null for a directory
  private final long size;

  KeyAttributes(Reference reference, long size) {
    this.reference = reference;
    this.size = size;
  }

  static KeyAttributes directory() {
    return new KeyAttributes(null, 0);
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
    return reference != null;
  }

  @Override
  public boolean isDirectory() {
    return reference == null;
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
