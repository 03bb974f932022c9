package io.refzarr.lazy;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Moving a finished output directory into place, and removing directory trees. */
final class OutputDirectories {
  private OutputDirectories() {}

  /**
   * Renames {@code staging} to {@code out}. An existing Parquet reference directory (or empty directory)
   * at {@code out} is first renamed aside and deleted only after the new one is in place; anything else
   * there is left alone and the move refused.
   */
  static void publish(Path staging, Path out) throws IOException {
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      move(staging, out);
      return;
    }
    if (!replaceable(out)) {
      throw new FileAlreadyExistsException(out.toString(), null,
          "exists and is not a Parquet reference directory: refusing to replace it");
    }
    Path old = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".old-");
    Files.delete(old);
    move(out, old);
    move(staging, out);
    deleteTree(old);
  }

  private static boolean replaceable(Path out) throws IOException {
    if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (Files.exists(out.resolve(ZMetadata.FILE))) {
      return true;
    }
    try (Stream<Path> children = Files.list(out)) {
      return children.findAny().isEmpty();
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
