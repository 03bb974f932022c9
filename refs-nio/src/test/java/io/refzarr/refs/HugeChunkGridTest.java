package io.refzarr.refs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An array of more than 2^63 - 1 chunks (valid Zarr: a never-written HDF5 dataset of the largest
 * shape reads so): chunk numbers past a long's range used to wrap, so chunk 4.0 of a 2^62 x 2^62
 * grid was stored as chunk 0.0 and each read the other's bytes.
 */
class HugeChunkGridTest {
  static final String ZARRAY =
      "{\"shape\":[4611686018427387904,4611686018427387904],\"chunks\":[1,1],\"dtype\":\"<f8\","
          + "\"compressor\":null,\"filters\":null,\"fill_value\":0,\"order\":\"C\",\"zarr_format\":2}";

  @Test
  void jsonSet_eachChunkReadsItsOwnBytes() throws IOException {
    String json =
        "{\"version\":1,\"refs\":{\"a/.zarray\":"
            + quoted(ZARRAY)
            + ",\"a/0.0\":\"zero\",\"a/4.0\":\"four\",\"a/0.5\":[\"f.nc\",5,1]}}";
    ReferenceSet set =
        ReferenceSets.readJson(
            json.getBytes(StandardCharsets.UTF_8), "huge.json", ReadOptions.DEFAULT);
    assertThat(set.get("a/0.0")).contains(Reference.inline(bytes("zero")));
    assertThat(set.get("a/4.0")).contains(Reference.inline(bytes("four")));
    assertThat(set.get("a/0.5")).contains(Reference.range("f.nc", 5, 1));
    assertThat(set.get("a/8.0")).isEmpty();
    assertThat(set.keys()).hasSize(4);
  }

  @Test
  void builder_byIndexAndByKey_keepsChunksPastTheLongRangeApart() throws IOException {
    ReferenceSetBuilder b = ReferenceSets.builder();
    b.putInline("a/.zarray", bytes(ZARRAY));
    b.putChunk("a", new long[] {0, 0}, Reference.range("f.nc", 0, 8));
    b.putChunk("a", new long[] {4, 0}, Reference.range("f.nc", 8, 8));
    b.putChunk("a", new long[] {8, 3}, Reference.range("f.nc", 16, 8));
    ReferenceSet set = b.build();
    assertThat(set.get("a/0.0")).contains(Reference.range("f.nc", 0, 8));
    assertThat(set.get("a/4.0")).contains(Reference.range("f.nc", 8, 8));
    assertThat(set.get("a/8.3")).contains(Reference.range("f.nc", 16, 8));
    assertThat(set.keys()).containsExactlyInAnyOrder("a/.zarray", "a/0.0", "a/4.0", "a/8.3");
  }

  static String quoted(String s) {
    return "\"" + s.replace("\"", "\\\"") + "\"";
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
