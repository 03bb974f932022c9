package io.refzarr.refs;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.internal.json.Json;
import io.refzarr.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class JsonReferenceWriterTest {

  /**
   * Every golden set written by refzarr reads back with identical references. The written sets are
   * kept in {@code target/interop/} for CI's fsspec check (check_refs.py), which proves fsspec
   * reads them too.
   */
  @TestFactory
  List<DynamicTest> writeJson_goldenSets_readBackIdentically() throws IOException {
    Path out = Path.of(System.getProperty("refzarr.interopDir", "target/interop"), "json");
    return Corpus.goldenJsonSets().stream()
        .map(
            set ->
                DynamicTest.dynamicTest(
                    set.getFileName().toString(),
                    () -> {
                      ReferenceSet original = ReferenceSets.readJson(set);
                      Path written = out.resolve(Corpus.dir().resolve("golden").relativize(set));
                      Files.createDirectories(written.getParent());
                      ReferenceSets.writeJson(original, written);
                      assertSameReferences(ReferenceSets.readJson(written), original);
                    }))
        .collect(Collectors.toList());
  }

  static void assertSameReferences(ReferenceSet actual, ReferenceSet expected) throws IOException {
    assertThat(actual.keys().collect(Collectors.toSet()))
        .isEqualTo(expected.keys().collect(Collectors.toSet()));
    Iterator<String> it = expected.keys().iterator();
    while (it.hasNext()) {
      String key = it.next();
      Reference e = expected.get(key).orElseThrow();
      Reference a = actual.get(key).orElseThrow();
      if (key.contains(".z") && e instanceof Reference.Inline) {
        assertThat(Json.parse(((Reference.Inline) a).data()))
            .as(key)
            .isEqualTo(Json.parse(((Reference.Inline) e).data()));
      } else {
        assertThat(a).as(key).isEqualTo(e);
      }
    }
  }

  @Test
  void writeJson_inlineForms_asciiTextOrBase64() throws IOException {
    ReferenceSetBuilder b = ReferenceSets.builder();
    b.putInline("a/.zattrs", "{ \"x\" :  1 }".getBytes(StandardCharsets.UTF_8));
    b.putInline("ascii", new byte[] {0, 1, 'T', '@'});
    b.putInline("binary", new byte[] {(byte) 0xff, 0});
    b.putInline("tricky", "base64:AAAA".getBytes(StandardCharsets.US_ASCII));
    b.put("nullurl", Reference.range(Reference.DEFAULT_TARGET, 1, 2));
    b.put("whole", Reference.whole("s3://b/k.nc"));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ReferenceSets.writeJson(b.build(), buf);
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) Json.parse(buf.toByteArray());
    assertThat(doc).containsEntry("version", 1L);
    @SuppressWarnings("unchecked")
    Map<String, Object> refs = (Map<String, Object>) doc.get("refs");
    assertThat(refs.get("a/.zattrs")).isEqualTo("{\"x\":1}");
    assertThat(refs.get("ascii")).isEqualTo("\u0000\u0001T@");
    assertThat(refs.get("binary")).isEqualTo("base64:/wA=");
    assertThat(refs.get("tricky")).isEqualTo("base64:YmFzZTY0OkFBQUE=");
    assertThat(refs.get("nullurl")).isEqualTo(java.util.Arrays.asList(null, 1L, 2L));
    assertThat(refs.get("whole")).isEqualTo(List.of("s3://b/k.nc"));
    ReferenceSet back = ReferenceSets.readJson(buf.toByteArray(), "x", ReadOptions.DEFAULT);
    assertThat(back.get("tricky"))
        .contains(Reference.inline("base64:AAAA".getBytes(StandardCharsets.US_ASCII)));
    assertThat(back.get("binary")).contains(Reference.inline(new byte[] {(byte) 0xff, 0}));
  }

  @Test
  void writeJson_toFile_replacesAtomicallyAndLeavesNoTemporaryFiles(
      @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path file = dir.resolve("refs.json");
    Files.writeString(file, "old");
    ReferenceSets.writeJson(ReferenceSets.of(Map.of("k", Reference.whole("f"))), file);
    assertThat(Files.readString(file)).isEqualTo("{\"version\":1,\"refs\":{\"k\":[\"f\"]}}");
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("refs.json");
    }
    Path nested = dir.resolve("new/sub/refs.json");
    ReferenceSets.writeJson(ReferenceSets.of(Map.of("k", Reference.whole("f"))), nested);
    assertThat(nested).exists();
  }
}
