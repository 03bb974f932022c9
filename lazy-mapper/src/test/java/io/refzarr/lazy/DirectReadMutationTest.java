package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile record files on the direct read path ({@link RecordFooter}, {@link DirectPages}): every
 * byte of a refzarr-written and an fsspec-written record file, changed in turn, either still reads
 * or fails with an {@link IOException} naming the record file: no other exception, no allocation
 * sized by a bad length.
 */
class DirectReadMutationTest {
  @TempDir Path dir;

  @Test
  void everyByteChanged_readsOrFailsWithIOExceptionNamingTheFile() throws IOException {
    Files.copy(Corpus.file("golden/series_combined.parq/.zmetadata"), dir.resolve(".zmetadata"));
    Files.createDirectories(dir.resolve("tas"));
    Path record = dir.resolve("tas/refs.0.parq");
    byte[] fsspec = Files.readAllBytes(Corpus.file("golden/series_combined.parq/tas/refs.0.parq"));
    byte[] refzarr;
    try (InputStream in =
        getClass().getResourceAsStream("RecordFileFuzzTestInputs/recordFile/refzarr-tas.parq")) {
      refzarr = in.readAllBytes();
    }
    for (byte[] original : List.of(refzarr, fsspec)) {
      int failures = 0;
      for (int i = 0; i < original.length; i++) {
        byte[] mutated = original.clone();
        // all bits of one byte (types, field ids, lengths), or only its top bit (a varint's end)
        mutated[i] ^= (byte) (i % 2 == 0 ? 0xff : 0x80);
        Files.write(record, mutated);
        try {
          readAll();
        } catch (IOException e) {
          assertThat(e.getMessage()).as("byte %d", i).contains(record.toString());
          failures++;
        }
      }
      assertThat(failures).isPositive(); // the footer and pages were read, not skipped
    }
  }

  private void readAll() throws IOException {
    try (LazyReferenceSet set = LazyReferenceSets.open(dir, LazyOptions.DEFAULT)) {
      Iterator<String> keys = set.list("tas").limit(1_000).iterator();
      while (keys.hasNext()) {
        String key = "tas/" + keys.next();
        Reference ref = set.get(key).orElse(null);
        if (ref instanceof Reference.Targeted t) {
          assertThat(t.offset()).as(key).isNotNegative();
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause(); // streams wrap theirs (ReferenceSet.list)
    }
  }
}
