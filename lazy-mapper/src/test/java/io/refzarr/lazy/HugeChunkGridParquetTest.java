package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet layout numbers chunks flat; in an array of more than 2^63 - 1 chunks the numbers past
 * a long's range used to wrap, so chunk 4.0 of a 2^62 x 2^62 grid overwrote chunk 0.0. Such chunks
 * are now refused on write and on read, naming the key; the array's metadata and its other chunks
 * stay usable.
 */
class HugeChunkGridParquetTest {
  static final String ZARRAY =
      "{\"shape\":[4611686018427387904,4611686018427387904],\"chunks\":[1,1],\"dtype\":\"<f8\","
          + "\"compressor\":null,\"filters\":null,\"fill_value\":0,\"order\":\"C\",\"zarr_format\":2}";

  @TempDir Path tmp;

  @Test
  void write_aChunkNumberedPastTheLongRange_isRefusedNamingIt_andNothingIsWritten() {
    Map<String, Reference> refs = new LinkedHashMap<>();
    refs.put("a/.zarray", inline(ZARRAY));
    refs.put("a/0.0", inline("zero"));
    refs.put("a/4.0", inline("four"));
    Path out = tmp.resolve("huge.parq");
    assertThatThrownBy(
            () -> LazyReferenceSets.write(ReferenceSets.of(refs), out, WriteOptions.DEFAULT))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("a/4.0")
        .hasMessageContaining("2^63 - 1");
    assertThat(out).doesNotExist();
  }

  @Test
  void read_metadataAndNumberedChunksWork_aChunkPastTheRangeIsRefusedNotMissing()
      throws IOException {
    Map<String, Reference> refs = new LinkedHashMap<>();
    refs.put("a/.zarray", inline(ZARRAY));
    refs.put("a/0.5", inline("five"));
    refs.put("a/1.0", inline("one"));
    refs.put("a/1.4611686018427387903", inline("last")); // chunk number Long.MAX_VALUE
    for (int recordSize : new int[] {1, 7, 10}) {
      // record size 1: chunk 1.0 lies in refs.4611686018427387904.parq, a name of 19 digits that
      // the listing once skipped
      readBack(refs, recordSize);
    }
  }

  private void readBack(Map<String, Reference> refs, int recordSize) throws IOException {
    Path out = tmp.resolve("huge-" + recordSize + ".parq");
    LazyReferenceSets.write(
        ReferenceSets.of(refs), out, WriteOptions.DEFAULT.withRecordSize(recordSize));
    try (ReferenceSet set = LazyReferenceSets.open(out)) {
      assertThat(set.get("a/0.5")).contains(inline("five"));
      assertThat(set.get("a/1.0")).contains(inline("one"));
      assertThat(set.get("a/0.0")).isEmpty();
      assertThat(set.get("a/1.4611686018427387903")).contains(inline("last"));
      assertThat(set.list("a").toList())
          .containsExactlyInAnyOrder(".zarray", "0.5", "1.0", "1.4611686018427387903");
      assertThat(set.keys().toList())
          .containsExactlyInAnyOrder("a/.zarray", "a/0.5", "a/1.0", "a/1.4611686018427387903");
      assertThatThrownBy(() -> set.get("a/4.0"))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining("a/4.0")
          .hasMessageContaining("2^63 - 1");
    }
  }

  private static Reference inline(String s) {
    return new Reference.Inline(s.getBytes(StandardCharsets.UTF_8));
  }
}
