package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.refzarr.refs.Reference;
import io.refzarr.refs.StoreKeys;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Fuzz target for the Parquet reference reader (README "Fuzzing"): any bytes as the record file
 * {@code tas/refs.0.parq} of the corpus's {@code series_combined.parq} (its own {@code .zmetadata})
 * either fail with an {@link IOException} (an {@link io.refzarr.refs.InvalidReferenceSetException}
 * naming the file) or give references with grammatical keys and sane ranges. Seeds: the corpus's
 * record files ({@code RecordFileFuzzTestInputs}).
 */
class RecordFileFuzzTest {
  private static final Path DIR = directory();

  private static Path directory() {
    try {
      Path dir = Files.createTempDirectory("record-fuzz");
      dir.toFile().deleteOnExit();
      Files.copy(Corpus.file("golden/series_combined.parq/.zmetadata"), dir.resolve(".zmetadata"));
      Files.createDirectories(dir.resolve("tas"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void recordFile(byte[] parquet) throws IOException {
    Files.write(DIR.resolve("tas/refs.0.parq"), parquet);
    try (LazyReferenceSet set = LazyReferenceSets.open(DIR, LazyOptions.DEFAULT)) {
      Iterator<String> keys = set.list("tas").limit(1_000).iterator();
      while (keys.hasNext()) {
        String key = "tas/" + keys.next();
        assertThat(StoreKeys.problem(key)).as(key).isNull();
        Reference ref = set.get(key).orElse(null);
        if (ref instanceof Reference.Targeted t) {
          assertThat(t.offset()).as(key).isNotNegative();
          assertThat(t.target()).as(key).isNotNull(); // empty: the default target (a null url)
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // the documented failures of a bad record file (streams wrap theirs, see ReferenceSet.list)
    }
  }
}
