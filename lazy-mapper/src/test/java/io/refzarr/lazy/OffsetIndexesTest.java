package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.junit.jupiter.api.Test;

/**
 * {@link OffsetIndexes} on hostile offset indexes: each ends at once in null (the caller then asks
 * parquet-java), never in a loop, a long walk or a stack overflow. The first case is what the
 * record-file fuzzer found: a binary field whose negative length sent the parser back to its start,
 * forever. The timeout only stops a hang from stopping the build. Parsed indexes are then checked
 * against the chunk's rows and the file's length.
 */
class OffsetIndexesTest {
  private static final Duration HANG = Duration.ofSeconds(20);

  @Test
  void parse_binaryWithNegativeLength_endsInNull() {
    // field 2, binary, of length (int) 4294967295 = -1: the length's own first byte back is the
    // field header again
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x28);
    varint(b, 4294967295L);
    assertThat(parse(b.toByteArray())).isNull();
  }

  @Test
  void parse_listClaimingMoreElementsThanBytes_endsInNull() {
    // field 2, a list of 2^31 - 1 bytes in a few bytes of input
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x29);
    b.write(0xf3);
    varint(b, Integer.MAX_VALUE);
    b.write(0);
    assertThat(parse(b.toByteArray())).isNull();
  }

  @Test
  void parse_structsNestedDeeperThanAnyParquetStructure_endsInNull() {
    byte[] b = new byte[200_000];
    java.util.Arrays.fill(b, (byte) 0x2c); // field 2, a struct, inside field 2, a struct, ...
    assertThat(parse(b)).isNull();
  }

  @Test
  void parse_pageLocations_givesThemAndSkipsOtherFields() throws java.io.IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x19); // field 1: the list of page locations
    b.write(0x2c); // two structs
    for (long page = 0; page < 2; page++) {
      b.write(0x16); // offset, i64
      varint(b, zigzag(1000 + page * 500));
      b.write(0x15); // compressed size, i32
      varint(b, zigzag(480));
      b.write(0x16); // first row, i64
      varint(b, zigzag(page * 300));
      b.write(0x18); // an unknown binary field, skipped
      varint(b, 2);
      b.write('x');
      b.write('y');
      b.write(0);
    }
    b.write(0x19); // field 2 (unencoded byte-array sizes): a list of one i64, skipped
    b.write(0x16);
    varint(b, zigzag(7));
    b.write(0);
    OffsetIndex index = parse(b.toByteArray());
    OffsetIndex expected =
        org.apache.parquet.format.converter.ParquetMetadataConverter.fromParquetOffsetIndex(
            org.apache.parquet.format.Util.readOffsetIndex(
                new java.io.ByteArrayInputStream(b.toByteArray())));
    assertThat(index.getPageCount()).isEqualTo(expected.getPageCount()).isEqualTo(2);
    for (int page = 0; page < 2; page++) {
      assertThat(index.getOffset(page))
          .isEqualTo(expected.getOffset(page))
          .isEqualTo(1000 + page * 500);
      assertThat(index.getCompressedPageSize(page))
          .isEqualTo(expected.getCompressedPageSize(page))
          .isEqualTo(480);
      assertThat(index.getFirstRowIndex(page))
          .isEqualTo(expected.getFirstRowIndex(page))
          .isEqualTo(page * 300);
    }
  }

  /**
   * What {@link OffsetIndexes#checked} refuses: pages a reader would be sent to wrongly (the
   * record-file fuzzer's second finding: decreasing first rows, which parquet-java only asserts).
   */
  @Test
  void checked_pagesOutOfOrderOrOutsideTheFile_refusedNamingThePage() throws Exception {
    long[][] good = {{4, 100, 0}, {104, 100, 50}, {204, 100, 90}};
    assertThat(OffsetIndexes.checked(index(good), 120, 400, "offset").getPageCount()).isEqualTo(3);
    Object[][] bad = {
      {new long[][] {{4, 100, 1}}, "page 0 starts at row 1"},
      {new long[][] {{4, 100, 0}, {104, 100, 90}, {204, 100, 50}}, "page 2 starts at row 50"},
      {new long[][] {{4, 100, 0}, {104, 100, 0}}, "page 1 starts at row 0"},
      {new long[][] {{4, 100, 0}, {104, 100, 120}}, "page 1 starts at row 120 (120 rows)"},
      {new long[][] {{-4, 100, 0}}, "page 0 at bytes [-4, +100) of 400"},
      {new long[][] {{4, 0, 0}}, "page 0 at bytes [4, +0)"},
      {new long[][] {{4, 100, 0}, {350, 100, 50}}, "page 1 at bytes [350, +100) of 400"},
      {new long[0][], "no pages for 120 rows"},
    };
    for (Object[] c : bad) {
      OffsetIndex index = index((long[][]) c[0]);
      assertThatThrownBy(() -> OffsetIndexes.checked(index, 120, 400, "offset"))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageStartingWith("offset index of column offset: ")
          .hasMessageContaining((String) c[1]);
    }
  }

  // An offset index of pages {offset, compressed size, first row}, through the parser.
  private static OffsetIndex index(long[][] pages) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x19);
    b.write(0xfc);
    varint(b, pages.length);
    for (long[] page : pages) {
      b.write(0x16);
      varint(b, zigzag(page[0]));
      b.write(0x15);
      varint(b, zigzag(page[1]));
      b.write(0x16);
      varint(b, zigzag(page[2]));
      b.write(0);
    }
    b.write(0);
    return OffsetIndexes.parse(b.toByteArray());
  }

  private static OffsetIndex parse(byte[] bytes) {
    return assertTimeoutPreemptively(HANG, () -> OffsetIndexes.parse(bytes));
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static void varint(ByteArrayOutputStream b, long v) {
    while ((v & ~0x7fL) != 0) {
      b.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    b.write((int) v);
  }
}
