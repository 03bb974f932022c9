package io.refzarr.combine;

import io.refzarr.refs.ReadOptions;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One input of a combine: a name (its URL or path, used by regular-expression coordinates and in
 * error messages) and a way to open its references. Inputs are opened when needed and closed right
 * after, once per pass, so a combine never holds all inputs at once.
 *
 * @param name the input's URL or path
 * @param opener opens the references; called once per pass, possibly from a worker thread
 */
public record CombineInput(String name, Opener opener) {

  /** Opens an input's references. */
  @FunctionalInterface
  public interface Opener {
    ReferenceSet open() throws IOException;
  }

  public CombineInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(opener, "opener");
  }

  /** A reference set on disk (JSON, or Parquet when lazy-mapper is on the class path). */
  public static CombineInput of(Path location) {
    return new CombineInput(location.toString(), () -> open(location));
  }

  private static ReferenceSet open(Path location) throws IOException {
    // a plain JSON file needs no format lookup, which costs more than parsing a small set
    if (location.getFileName() != null
        && location.getFileName().toString().endsWith(".json")
        && Files.isRegularFile(location)) {
      return ReferenceSets.readJson(location, ReadOptions.DEFAULT);
    }
    return ReferenceSets.open(location, ReadOptions.DEFAULT);
  }

  /** An in-memory set; it is not closed by the combine. */
  public static CombineInput of(String name, ReferenceSet set) {
    Objects.requireNonNull(set, "set");
    return new CombineInput(name, () -> new Unclosed(set));
  }

  /** A view that leaves the caller's set open. */
  private static final class Unclosed implements ReferenceSet {
    private final ReferenceSet set;

    Unclosed(ReferenceSet set) {
      this.set = set;
    }

    @Override
    public java.util.Optional<io.refzarr.refs.Reference> get(String key) throws IOException {
      return set.get(key);
    }

    @Override
    public Kind kind(String key) throws IOException {
      return set.kind(key);
    }

    @Override
    public java.util.stream.Stream<String> list(String directory) throws IOException {
      return set.list(directory);
    }

    @Override
    public java.util.stream.Stream<String> keys() throws IOException {
      return set.keys();
    }

    @Override
    public long size() throws IOException {
      return set.size();
    }
  }
}
