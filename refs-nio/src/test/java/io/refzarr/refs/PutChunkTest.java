package io.refzarr.refs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link ReferenceSink#putChunk} is {@code put} of the chunk's key, in the builder's fast path too;
 * copying an in-memory set puts its chunks by index.
 */
class PutChunkTest {
  private static final byte[] ZARRAY =
      "{\"shape\":[4,3],\"chunks\":[1,3],\"dtype\":\">f4\",\"fill_value\":null,\"order\":\"C\",\"filters\":null,\"compressor\":null,\"zarr_format\":2}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void putChunk_defaultMethod_putsTheDotSeparatedKey() throws IOException {
    Map<String, Reference> seen = new LinkedHashMap<>();
    ReferenceSink sink =
        new ReferenceSink() {
          @Override
          public void put(String key, Reference ref) {
            seen.put(key, ref);
          }

          @Override
          public void close() {}
        };
    Reference r = Reference.range("f.nc", 8, 4);
    sink.putChunk("g/v", new long[] {2, 0, 11}, r);
    sink.putChunk("s", new long[0], r);
    sink.putChunk("", new long[] {5}, r);

    assertThat(seen.keySet()).containsExactly("g/v/2.0.11", "s/0", "5");
  }

  @Test
  void putChunk_builder_sameSetAsPutOfTheKeys() throws IOException {
    ReferenceSetBuilder byIndex = ReferenceSets.builder();
    ReferenceSetBuilder byKey = ReferenceSets.builder();
    for (ReferenceSetBuilder b : new ReferenceSetBuilder[] {byIndex, byKey}) {
      b.putInline("v/.zarray", ZARRAY);
    }
    long[] index = new long[2];
    for (int i = 3; i >= 0; i--) {
      index[0] = i; // one array reused, as scanners do
      Reference r = Reference.range(i % 2 == 0 ? "a.nc" : "b.nc", 100L * i, 12);
      byIndex.putChunk("v", index, r);
      byKey.put("v/" + i + ".0", r);
    }
    byIndex.putChunk("v", new long[] {1, 0}, Reference.range("c.nc", 7, 12)); // a later put wins
    byKey.put("v/1.0", Reference.range("c.nc", 7, 12));
    byIndex.putChunk(
        "v", new long[] {-1, 0}, Reference.range("c.nc", 0, 1)); // not a chunk key: kept as is
    byKey.put("v/-1.0", Reference.range("c.nc", 0, 1));

    assertThat(entries(byIndex.build()))
        .isEqualTo(entries(byKey.build()))
        .containsKey("v/-1.0")
        .containsEntry("v/1.0", Reference.range("c.nc", 7, 12))
        .hasSize(6);
  }

  @Test
  void copy_ofABuiltSet_putsMetadataByKeyThenEachChunkByIndex() throws IOException {
    ReferenceSetBuilder b = ReferenceSets.builder();
    b.putInline("v/.zarray", ZARRAY);
    b.putInline(".zgroup", "{\"zarr_format\":2}".getBytes(StandardCharsets.UTF_8));
    for (int i = 3; i >= 0; i--) {
      b.put("v/" + i + ".0", Reference.range("a.nc", 100L * i, 12));
    }
    ReferenceSet set = b.build();
    Map<String, Reference> byKey = new LinkedHashMap<>();
    Map<String, Reference> byIndex = new LinkedHashMap<>();
    ReferenceSets.copy(
        set,
        new ReferenceSink() {
          @Override
          public void put(String key, Reference ref) {
            byKey.put(key, ref);
          }

          @Override
          public void putChunk(String array, long[] index, Reference ref) {
            byIndex.put(array + "/" + index[0] + "." + index[1], ref);
          }

          @Override
          public void close() {}
        });

    assertThat(byKey.keySet()).containsExactly(".zgroup", "v/.zarray");
    assertThat(byIndex.keySet()).containsExactly("v/0.0", "v/1.0", "v/2.0", "v/3.0");
    Map<String, Reference> all = new java.util.TreeMap<>(byKey);
    all.putAll(byIndex);
    assertThat(all).isEqualTo(entries(set));
  }

  private static Map<String, Reference> entries(ReferenceSet set) throws IOException {
    Map<String, Reference> out = new java.util.TreeMap<>();
    for (String k : set.keys().collect(Collectors.toList())) {
      out.put(k, set.get(k).orElseThrow());
    }
    return out;
  }
}
