package io.refzarr.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The conformance corpus: {@code testdata/} of the repository, found from the working directory (a
 * module's directory under surefire) or one of its parents; the system property {@code
 * refzarr.corpus} points elsewhere. Tests fail, rather than skip, when it is missing: it is part of
 * the repository.
 */
public final class Corpus {
  private static final String IN_REPOSITORY = "testdata";

  private Corpus() {}

  /** The corpus directory. */
  public static Path dir() {
    String prop = System.getProperty("refzarr.corpus", "");
    Path dir = prop.isBlank() ? inRepository() : Path.of(prop).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir.resolve("golden"))) {
      throw new IllegalStateException(
          "the conformance corpus is not at " + dir + " (set -Drefzarr.corpus=DIR)");
    }
    return dir;
  }

  /** {@code testdata/} of the nearest directory, from the working directory up, that has one. */
  private static Path inRepository() {
    Path cwd = Path.of("").toAbsolutePath().normalize();
    for (Path d = cwd; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve(IN_REPOSITORY).resolve("golden"))) {
        return d.resolve(IN_REPOSITORY);
      }
    }
    return cwd.resolve(IN_REPOSITORY); // missing: dir() names it in its error
  }

  /**
   * The interoperability oracle {@code check_refs.py} (fsspec + numcodecs), which is not part of
   * the repository: the system property {@code refzarr.checkRefs}, else {@code
   * shared/tools/check_refs.py} beside the repository (the development machines' layout). Empty
   * when neither exists; tests that need it skip then.
   */
  public static Optional<Path> checkRefsTool() {
    String prop = System.getProperty("refzarr.checkRefs", "");
    Path tool =
        prop.isBlank()
            ? dir().getParent().resolveSibling("shared").resolve("tools").resolve("check_refs.py")
            : Path.of(prop).toAbsolutePath().normalize();
    return Files.isRegularFile(tool) ? Optional.of(tool) : Optional.empty();
  }

  /** A file of the corpus, by path relative to it. */
  public static Path file(String relative) {
    return dir().resolve(relative);
  }

  /**
   * Every golden kerchunk JSON set that fsspec reads as it is (all of {@code golden/} but the
   * manifest and the informational {@code archives/chained/} sets), sorted.
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

  /**
   * The manifest's name of a golden set: {@code golden/series/day_001.json} → {@code
   * series/day_001}.
   */
  public static String manifestName(Path set) {
    String rel = file("golden").relativize(set).toString();
    return rel.substring(0, rel.lastIndexOf('.'));
  }

  /** The bytes of a corpus file. */
  public static byte[] bytes(String relative) throws IOException {
    return Files.readAllBytes(file(relative));
  }
}
