package io.refzarr.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The behaviour every {@link ReferenceSet} implementation shares. A subclass turns an in-memory set
 * into its own form (by writing and reopening it, say) and inherits the checks: same keys, same
 * references, same kinds and listings as the source.
 */
public abstract class ReferenceSetContractTest {

  /** The implementation under test, holding the same references as {@code source}. */
  protected abstract ReferenceSet convert(ReferenceSet source) throws IOException;

  /**
   * A set with groups, arrays with missing chunks, inline chunks, whole-target and default-target
   * refs.
   */
  protected static ReferenceSet synthetic() {
    ReferenceSetBuilder b = ReferenceSets.builder();
    b.putInline(".zgroup", json("{\"zarr_format\":2}"));
    b.putInline(".zattrs", json("{\"title\":\"synthetic\"}"));
    b.putInline("g/.zgroup", json("{\"zarr_format\":2}"));
    b.putInline(
        "g/a/.zarray",
        json(
            "{\"shape\":[5,6],\"chunks\":[2,3],\"dtype\":\"<i2\",\"compressor\":null,"
                + "\"fill_value\":0,\"filters\":null,\"order\":\"C\",\"zarr_format\":2}"));
    b.putInline("g/a/.zattrs", json("{\"_ARRAY_DIMENSIONS\":[\"y\",\"x\"]}"));
    b.put("g/a/0.0", Reference.range("data/f.bin", 0, 12));
    b.put("g/a/0.1", Reference.range("data/f.bin", 12, 12));
    b.put("g/a/2.1", Reference.inline(new byte[] {1, 0, 2, 0, 3, 0}));
    b.put("g/a/1.0", Reference.whole("s3://bucket/whole.bin"));
    b.putInline(
        "s/.zarray",
        json(
            "{\"shape\":[],\"chunks\":[],\"dtype\":\"<f8\",\"compressor\":null,"
                + "\"fill_value\":null,\"filters\":null,\"order\":\"C\",\"zarr_format\":2}"));
    b.put("s/0", Reference.range(Reference.DEFAULT_TARGET, 100, 8));
    return b.build();
  }

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void synthetic_sameReferencesKindsAndListings() throws IOException {
    ReferenceSet source = synthetic();
    try (ReferenceSet converted = convert(source)) {
      assertSameContent(converted, source);
      assertThat(converted.kind("g/a/1.1")).isEqualTo(ReferenceSet.Kind.ABSENT);
      assertThat(converted.get("g/a/1.1")).isEmpty();
      assertThat(converted.kind("g")).isEqualTo(ReferenceSet.Kind.DIRECTORY);
      assertThat(converted.kind("g/a")).isEqualTo(ReferenceSet.Kind.DIRECTORY);
      assertThat(converted.kind("")).isEqualTo(ReferenceSet.Kind.DIRECTORY);
      assertThat(converted.kind("nope/x")).isEqualTo(ReferenceSet.Kind.ABSENT);
      assertThat(names(converted, "g/a"))
          .isEqualTo(Set.of(".zarray", ".zattrs", "0.0", "0.1", "2.1", "1.0"));
      assertThat(names(converted, "")).contains(".zgroup", ".zattrs", "g", "s");
    }
  }

  @Test
  void entries_areTheKeysInOrderWithTheirReferences() throws IOException {
    try (ReferenceSet converted = convert(synthetic())) {
      List<String> keys = converted.keys().collect(Collectors.toList());
      List<Map.Entry<String, Reference>> entries = converted.entries().collect(Collectors.toList());
      assertThat(entries).extracting(Map.Entry::getKey).isEqualTo(keys);
      for (Map.Entry<String, Reference> e : entries) {
        assertThat(e.getValue()).as(e.getKey()).isEqualTo(converted.get(e.getKey()).orElseThrow());
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> goldenSets_sameReferences() throws IOException {
    List<Path> sets = Corpus.goldenJsonSets();
    return sets.stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    Corpus.dir().relativize(p).toString(),
                    () -> {
                      ReferenceSet source = ReferenceSets.readJson(p);
                      try (ReferenceSet converted = convert(source)) {
                        assertSameContent(converted, source);
                      }
                    }));
  }

  /**
   * Same keys; same references (metadata compared as parsed JSON); same listings of every
   * directory.
   */
  protected static void assertSameContent(ReferenceSet actual, ReferenceSet expected)
      throws IOException {
    Set<String> keys = expected.keys().collect(Collectors.toSet());
    assertThat(actual.keys().collect(Collectors.toSet())).isEqualTo(keys);
    assertThat(actual.size()).isEqualTo(expected.size());
    Iterator<String> it = keys.iterator();
    while (it.hasNext()) {
      String key = it.next();
      Reference e = expected.get(key).orElseThrow();
      Reference a = actual.get(key).orElseThrow(() -> new AssertionError("missing key " + key));
      if (key.substring(key.lastIndexOf('/') + 1).startsWith(".z")
          && e instanceof Reference.Inline) {
        assertThat(io.refzarr.internal.json.Json.parse(((Reference.Inline) a).data()))
            .as(key)
            .isEqualTo(io.refzarr.internal.json.Json.parse(((Reference.Inline) e).data()));
      } else {
        assertThat(a).as(key).isEqualTo(e);
      }
      assertThat(actual.kind(key)).as(key).isEqualTo(ReferenceSet.Kind.FILE);
      String parent = key.contains("/") ? key.substring(0, key.lastIndexOf('/')) : "";
      assertThat(actual.kind(parent)).as(parent).isEqualTo(ReferenceSet.Kind.DIRECTORY);
    }
  }

  private static Set<String> names(ReferenceSet set, String dir) throws IOException {
    try (Stream<String> s = set.list(dir)) {
      return s.collect(Collectors.toSet());
    }
  }
}
