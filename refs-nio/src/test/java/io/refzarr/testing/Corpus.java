package io.refzarr.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared conformance corpus ({@code ../shared/corpus} beside the repository; the build passes its path
 * as the system property {@code refzarr.corpus}). Tests fail, rather than skip, when it is missing: CI
 * always has it.
 */
public final class Corpus {
  private Corpus() {}

  /** The corpus directory. */
  public static Path dir() {
    String prop = System.getProperty("refzarr.corpus");
    Path dir = prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "corpus");
    dir = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir.resolve("golden"))) {
      throw new IllegalStateException("the shared corpus is not at " + dir
          + " (set -Drefzarr.corpus=DIR)");
    }
    return dir;
  }

  /**
   * The interoperability oracle {@code check_refs.py} (its value hashing defines the manifest's checksums):
   * the system property {@code refzarr.checkRefs}, else {@code tools/check_refs.py} beside the corpus
   * ({@code ../shared/tools}). Empty when neither exists; tests that need it skip then.
   */
  public static java.util.Optional<Path> checkRefsTool() {
    String prop = System.getProperty("refzarr.checkRefs", "");
    Path tool = prop.isBlank()
        ? dir().resolveSibling("tools").resolve("check_refs.py")
        : Path.of(prop).toAbsolutePath().normalize();
    return Files.isRegularFile(tool) ? java.util.Optional.of(tool) : java.util.Optional.empty();
  }

  /** A file of the corpus, by path relative to it. */
  public static Path file(String relative) {
    return dir().resolve(relative);
  }

  /**
   * Every golden kerchunk JSON set that fsspec reads as it is (all of {@code golden/} but the manifest and
   * the informational {@code archives/chained/} sets), sorted.
   */
  public static java.util.List<Path> goldenJsonSets() throws IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(file("golden"))) {
      return s.filter(p -> p.toString().endsWith(".json"))
          .filter(p -> !p.getFileName().toString().equals("manifest.json"))
          .filter(p -> !p.toString().contains("/chained/"))
          .sorted()
          .collect(java.util.stream.Collectors.toList());
    }
  }

  /** The manifest's name of a golden set: {@code golden/series/day_001.json} → {@code series/day_001}. */
  public static String manifestName(Path set) {
    String rel = file("golden").relativize(set).toString();
    return rel.substring(0, rel.lastIndexOf('.'));
  }

  /** The bytes of a corpus file. */
  public static byte[] bytes(String relative) throws IOException {
    return Files.readAllBytes(file(relative));
  }
}
