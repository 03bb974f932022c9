package io.refzarr.lazy;

import io.refzarr.internal.io.AtomicOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Moving a finished Parquet reference directory into place, and removing directory trees. */
final class OutputDirectories {
  private OutputDirectories() {}

  /**
   * Renames {@code staging} to {@code out}. An existing Parquet reference directory (or empty
   * directory) at {@code out} is first renamed aside and deleted only after the new one is in
   * place; anything else there is left alone and the move refused.
   */
  static void publish(Path staging, Path out) throws IOException {
    AtomicOutputs.publishDirectory(
        staging, out, "a Parquet reference directory", OutputDirectories::replaceable);
  }

  private static boolean replaceable(Path out) throws IOException {
    if (Files.exists(out.resolve(ZMetadata.FILE))) {
      return true;
    }
    try (Stream<Path> children = Files.list(out)) {
      return children.findAny().isEmpty();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    AtomicOutputs.deleteTree(dir);
  }
}
