package io.refzarr.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.ReadOptions;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Sets and checks shared by the operations' tests. */
final class OpsFixtures {
  static final Path CORPUS = Corpus.dir();

  private OpsFixtures() {}

  /** A reader that resolves the corpus's relative targets, as the golden sets need. */
  static ReferenceReader corpusReader() {
    return ReferenceReader.create(ReferenceFileSystemConfig.builder().root(CORPUS).build());
  }

  static ReferenceSet open(Path p) throws IOException {
    return ReferenceSets.open(p, ReadOptions.DEFAULT);
  }

  static ReferenceSet golden(String relative) throws IOException {
    return open(Corpus.file("golden/" + relative));
  }

  static List<String> keys(ReferenceSet set) throws IOException {
    try (Stream<String> s = set.keys()) {
      return s.sorted().collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Every key of {@code actual} reads (through its own reader) the bytes {@code expected}'s key
   * reads.
   */
  static void assertSameBytes(
      ReferenceSet expected,
      ReferenceReader expectedReader,
      ReferenceSet actual,
      ReferenceReader actualReader)
      throws IOException {
    assertThat(keys(actual)).isEqualTo(keys(expected));
    for (String key : keys(expected)) {
      Reference e = expected.get(key).orElseThrow();
      Reference a = actual.get(key).orElseThrow();
      byte[] want = expectedReader.read(key, e);
      byte[] got = actualReader.read(key, a);
      if (key.endsWith(".zarray") || key.endsWith(".zattrs") || key.endsWith(".zgroup")) {
        assertThat(io.refzarr.internal.json.Json.parse(got))
            .as(key)
            .isEqualTo(io.refzarr.internal.json.Json.parse(want));
      } else {
        assertThat(got).as(key).isEqualTo(want);
      }
    }
  }
}
