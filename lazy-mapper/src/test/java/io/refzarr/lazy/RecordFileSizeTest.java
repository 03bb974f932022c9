package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size of refzarr's record files for the references a scan makes, against fsspec's writer.
 *
 * <p>The set imitates {@code many_chunks_1m.h5} as refzarr scans it (baseline.md): one target,
 * 200-byte chunks laid out one after the other in C order, a 2,616-byte chunk-index node after
 * every 57 chunks, and the first chunk of each row of the grid far away. For the real 1,000,000
 * references fsspec's writer (fastparquet, as kerchunk's {@code refs_to_dataframe}) makes 1.83 MB,
 * 1.83 bytes per reference; refzarr's made 2.11 MB before its offsets were delta-encoded and pages
 * grew from 1,000 to 5,000 rows, and 0.172 MB (0.172 bytes per reference) after. This smaller set,
 * with a far chunk every 500 rather than 1,000, takes 0.23 bytes per reference now and 0.43 with
 * 1,000-row pages; plain int64 offsets cost about 2 on the real scan. The bound sits between.
 */
class RecordFileSizeTest {
  static final int ROWS = 400;
  static final int COLUMNS = 500; // 200,000 references: two record files of 100,000
  static final double MAX_BYTES_PER_REFERENCE = 0.3;
  static final String TARGET = "/data/bench/many_chunks_1m.h5";

  @TempDir Path tmp;

  @Test
  void scanLikeReferences_takeUnderThreeTenthsOfAByteEach() throws IOException {
    Path out = tmp.resolve("refs.parq");
    try (ParquetReferenceWriter w = LazyReferenceSets.writer(out, WriteOptions.DEFAULT)) {
      w.put(".zgroup", Reference.inline("{\"zarr_format\":2}".getBytes()));
      w.put(
          "data/.zarray",
          Reference.inline(
              ("{\"shape\":["
                      + ROWS * 10
                      + ","
                      + COLUMNS * 10
                      + "],\"chunks\":[10,10],"
                      + "\"dtype\":\"<i2\",\"fill_value\":0,\"order\":\"C\",\"filters\":null,"
                      + "\"compressor\":null,\"zarr_format\":2}")
                  .getBytes()));
      for (int i = 0; i < ROWS; i++) {
        for (int j = 0; j < COLUMNS; j++) {
          w.putChunk("data", new long[] {i, j}, reference(i, j));
        }
      }
    }
    long references = (long) ROWS * COLUMNS;
    long bytes = treeSize(out);
    assertThat(bytes / (double) references)
        .as("%d bytes for %d references", bytes, references)
        .isLessThan(MAX_BYTES_PER_REFERENCE);
    try (LazyReferenceSet set = LazyReferenceSets.open(out)) {
      for (int i = 0; i < ROWS; i += 37) {
        for (int j = 0; j < COLUMNS; j += 13) {
          assertThat(set.get("data/" + i + "." + j)).contains(reference(i, j));
        }
      }
    }
  }

  /** Where the scan found chunk (i, j). */
  static Reference reference(int i, int j) {
    if (j == 0) {
      return Reference.range(TARGET, 47_322_800L + 200L * i, 200);
    }
    long n = (long) i * (COLUMNS - 1) + j - 1;
    return Reference.range(TARGET, 4016 + 200 * n + 2616 * (n / 57), 200);
  }

  static long treeSize(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      long sum = 0;
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        sum += Files.size(f);
      }
      return sum;
    }
  }
}
