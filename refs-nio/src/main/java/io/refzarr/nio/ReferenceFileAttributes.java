package io.refzarr.nio;

import io.refzarr.refs.Reference;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Attributes of a key in a {@code reference} file system: the basic ones, plus the reference behind
 * a key, so callers can ask where its bytes live. Read with {@code Files.readAttributes(path,
 * ReferenceFileAttributes.class)}.
 */
public interface ReferenceFileAttributes extends BasicFileAttributes {

  /**
   * The reference of a key; empty for a directory and for the files of a decoded view (made, not
   * referenced).
   */
  Optional<Reference> reference();
}
