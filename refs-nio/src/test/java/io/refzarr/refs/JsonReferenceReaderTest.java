package io.refzarr.refs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JsonReferenceReaderTest {

  static ReferenceSet read(String json) throws IOException {
    return ReferenceSets.readJson(
        json.getBytes(StandardCharsets.UTF_8), "test.json", ReadOptions.DEFAULT);
  }

  static ReferenceSet read(String json, ReadOptions options) throws IOException {
    return ReferenceSets.readJson(json.getBytes(StandardCharsets.UTF_8), "test.json", options);
  }

  static byte[] inline(ReferenceSet set, String key) throws IOException {
    return ((Reference.Inline) set.get(key).orElseThrow()).data();
  }

  @Test
  void read_versionZero_everyMemberIsAReference() throws IOException {
    ReferenceSet set =
        read(
            "{\"a\": \"text\", \"b\": [\"f.nc\", 10, 20], \"c\": [\"g.nc\"], "
                + "\".zgroup\": {\"zarr_format\": 2}}");
    assertThat(inline(set, "a")).isEqualTo("text".getBytes(StandardCharsets.UTF_8));
    assertThat(set.get("b")).contains(new Reference.Range("f.nc", 10, 20));
    assertThat(set.get("c")).contains(new Reference.Whole("g.nc"));
    assertThat(new String(inline(set, ".zgroup"), StandardCharsets.UTF_8))
        .isEqualTo("{\"zarr_format\":2}");
    assertThat(set.size()).isEqualTo(4);
  }

  @Test
  void read_versionZeroWithKeyNamedRefs_readsItAsALiteral() throws IOException {
    ReferenceSet set =
        read("{\"refs\": {\"x\": 1}, \"templates\": {\"u\": \"v\"}, \"a\": [\"f\", 0, 1]}");
    assertThat(new String(inline(set, "refs"), StandardCharsets.UTF_8)).isEqualTo("{\"x\":1}");
    assertThat(new String(inline(set, "templates"), StandardCharsets.UTF_8))
        .isEqualTo("{\"u\":\"v\"}");
    assertThat(set.get("a")).contains(new Reference.Range("f", 0, 1));
    assertThat(set.get("x")).isEmpty();
  }

  @Test
  void read_versionOneWithVersionAfterRefs_isVersionOne() throws IOException {
    ReferenceSet set = read("{\"refs\": {\"a/0\": [\"f.nc\", 1, 2]}, \"version\": 1}");
    assertThat(set.get("a/0")).contains(new Reference.Range("f.nc", 1, 2));
    assertThat(set.get("refs")).isEmpty();
  }

  @Test
  void read_stringValues_decodeAsUtf8AndBase64() throws IOException {
    ReferenceSet set =
        read(
            "{\"version\":1,\"refs\":{\"bin\":\"\\u0000\\u0000\\u0000T@\","
                + "\"b64\":\"base64:AAECAw==\",\"uni\":\"é\"}}");
    assertThat(inline(set, "bin")).containsExactly(0, 0, 0, 'T', '@');
    assertThat(inline(set, "b64")).containsExactly(0, 1, 2, 3);
    assertThat(inline(set, "uni")).containsExactly(0xc3, 0xa9);
  }

  @Test
  void read_nullUrl_isTheDefaultTarget() throws IOException {
    ReferenceSet set = read("{\"version\":1,\"refs\":{\"a\":[null, 5, 6],\"b\":[null]}}");
    assertThat(set.get("a")).contains(new Reference.Range(Reference.DEFAULT_TARGET, 5, 6));
    assertThat(set.get("b")).contains(new Reference.Whole(Reference.DEFAULT_TARGET));
  }

  @Test
  void read_templates_substitutedIntoUrls() throws IOException {
    ReferenceSet set =
        read(
            "{\"version\":1,\"templates\":{\"u\":\"s3://bucket/data\"},"
                + "\"refs\":{\"a\":[\"{{u}}/f.nc\", 0, 4],\"b\":[\"{{ u }}\"]}}");
    assertThat(set.get("a")).contains(new Reference.Range("s3://bucket/data/f.nc", 0, 4));
    assertThat(set.get("b")).contains(new Reference.Whole("s3://bucket/data"));
  }

  @Test
  void read_templateOverrides_relocateTargets() throws IOException {
    ReferenceSet set =
        read(
            "{\"version\":1,\"templates\":{\"u\":\"s3://bucket/data\"},"
                + "\"refs\":{\"a\":[\"{{u}}/f.nc\", 0, 4]}}",
            ReadOptions.DEFAULT.withTemplateOverrides(Map.of("u", "/mnt/copy")));
    assertThat(set.get("a")).contains(new Reference.Range("/mnt/copy/f.nc", 0, 4));
  }

  @Test
  void read_noTemplates_leavesBracesAlone() throws IOException {
    ReferenceSet set = read("{\"version\":1,\"refs\":{\"a\":[\"{{u}}.nc\", 0, 4]}}");
    assertThat(set.get("a")).contains(new Reference.Range("{{u}}.nc", 0, 4));
  }

  @Test
  void read_genFromTheSpec_expandsToFiveReferences() throws IOException {
    ReferenceSet set =
        read(
            "{\"version\":1,\"templates\":{\"u\":\"server.domain/path\"},"
                + "\"gen\":[{\"key\":\"gen_key{{i}}\",\"url\":\"http://{{u}}_{{i}}\","
                + "\"offset\":\"{{(i + 1) * 1000}}\",\"length\":\"1000\",\"dimensions\":{\"i\":{\"stop\":5}}}],"
                + "\"refs\":{}}");
    assertThat(set.size()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(set.get("gen_key" + i))
          .contains(new Reference.Range("http://server.domain/path_" + i, (i + 1) * 1000L, 1000));
    }
  }

  @Test
  void read_genWithTwoDimensions_iteratesTheCartesianProduct() throws IOException {
    ReferenceSet set =
        read(
            "{\"version\":1,\"gen\":[{\"key\":\"v/{{t}}.{{y}}\",\"url\":\"f{{t}}.nc\","
                + "\"offset\":\"{{y * 100 + t}}\",\"length\":100,"
                + "\"dimensions\":{\"t\":{\"start\":1,\"stop\":7,\"step\":2},\"y\":[0, 3]}}]}");
    List<String> keys = set.keys().collect(Collectors.toList());
    assertThat(keys)
        .containsExactlyInAnyOrder("v/1.0", "v/1.3", "v/3.0", "v/3.3", "v/5.0", "v/5.3");
    assertThat(set.get("v/5.3")).contains(new Reference.Range("f5.nc", 305, 100));
  }

  @Test
  void read_genWithoutOffsets_makesWholeTargetReferences() throws IOException {
    ReferenceSet set =
        read(
            "{\"version\":1,\"gen\":[{\"key\":\"k{{i}}\",\"url\":\"f{{i // 2}}\","
                + "\"dimensions\":{\"i\":{\"stop\":3}}}]}");
    assertThat(set.get("k2")).contains(new Reference.Whole("f1"));
  }

  @Test
  void read_keysOfAKnownArray_storedCompactlyAndListed() throws IOException {
    ReferenceSet set =
        read(
            "{\"version\":1,\"refs\":{"
                + "\"a/.zarray\":\"{\\\"shape\\\":[4,6],\\\"chunks\\\":[2,3],\\\"dtype\\\":\\\"<f4\\\"}\","
                + "\"a/0.0\":[\"f\", 0, 24],\"a/1.1\":[\"f\", 24, 24],\"a/0.1\":\"base64:AAAA\","
                + "\"a/01.0\":\"odd key\",\"a/9.9\":[\"g\", 1, 1]}}");
    assertThat(set.get("a/1.1")).contains(new Reference.Range("f", 24, 24));
    assertThat(set.get("a/0.1")).contains(new Reference.Inline(new byte[3]));
    assertThat(set.get("a/1.0")).isEmpty();
    assertThat(set.kind("a/1.0")).isEqualTo(ReferenceSet.Kind.ABSENT);
    assertThat(set.kind("a")).isEqualTo(ReferenceSet.Kind.DIRECTORY);
    assertThat(set.get("a/01.0")).isPresent();
    // out-of-grid key: the array cannot be stored compactly, but nothing is lost
    assertThat(set.get("a/9.9")).contains(new Reference.Range("g", 1, 1));
    assertThat(set.list("a").collect(Collectors.toList()))
        .containsExactlyInAnyOrder(".zarray", "0.0", "1.1", "0.1", "01.0", "9.9");
  }

  @Test
  void read_duplicateKey_lastOneWins() throws IOException {
    ReferenceSet set =
        read(
            "{\"version\":1,\"refs\":{"
                + "\"a/.zarray\":\"{\\\"shape\\\":[4],\\\"chunks\\\":[2],\\\"dtype\\\":\\\"<f4\\\"}\","
                + "\"a/0\":[\"f\", 0, 8],\"a/0\":[\"f\", 8, 8],\"b\":\"x\",\"b\":\"y\"}}");
    assertThat(set.get("a/0")).contains(new Reference.Range("f", 8, 8));
    assertThat(inline(set, "b")).containsExactly('y');
    assertThat(set.size()).isEqualTo(3);
  }

  // ---- bad input: each a clear InvalidReferenceSetException naming the place ----

  @Test
  void read_truncatedJson_failsNamingTheByteOffset() {
    assertThatThrownBy(() -> read("{\"version\":1,\"refs\":{\"a\":[\"f\", 0,"))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("test.json")
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void read_unknownVersion_fails() {
    assertThatThrownBy(() -> read("{\"version\":2,\"refs\":{}}"))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("/version")
        .hasMessageContaining("unknown reference spec version 2");
    assertThatThrownBy(() -> read("{\"version\":\"1\",\"refs\":{}}"))
        .isInstanceOf(InvalidReferenceSetException.class);
  }

  @Test
  void read_negativeOffset_failsNamingTheKey() {
    assertThatThrownBy(() -> read("{\"version\":1,\"refs\":{\"t/0.0\":[\"f\", -1, 10]}}"))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("\"t/0.0\"")
        .hasMessageContaining("/refs/t~10.0")
        .hasMessageContaining("negative offset");
  }

  @Test
  void read_overflowingRange_fails() {
    assertThatThrownBy(
            () -> read("{\"version\":1,\"refs\":{\"k\":[\"f\", 9223372036854775800, 100]}}"))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("\"k\"")
        .hasMessageContaining("overflows");
    assertThatThrownBy(
            () -> read("{\"version\":1,\"refs\":{\"k\":[\"f\", 99999999999999999999999, 1]}}"))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("does not fit 64 bits");
  }

  @Test
  void read_malformedValues_failNamingTheKey() {
    String[] bad = {
      "[\"f\", 1]", "[\"f\", 1, 2, 3]", "[\"f\", \"1\", 2]", "[\"f\", 1.5, 2]", "[]", "[3, 1, 2]",
      "[\"\", 0, 1]", "12", "true", "null", "\"base64:!!!\"", "[\"f\\u0001\", 0, 1]"
    };
    for (String value : bad) {
      assertThatThrownBy(() -> read("{\"version\":1,\"refs\":{\"key\":" + value + "}}"))
          .as(value)
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining("\"key\"");
    }
  }

  @Test
  void read_notAnObject_fails() {
    assertThatThrownBy(() -> read("[1, 2]"))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("a reference set is a JSON object");
    assertThatThrownBy(() -> read("")).isInstanceOf(InvalidReferenceSetException.class);
    assertThatThrownBy(() -> read("{} {}"))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("trailing content");
  }

  @Test
  void read_unknownTemplateName_failsNamingTheTarget() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"version\":1,\"templates\":{\"u\":\"x\"},"
                        + "\"refs\":{\"a\":[\"{{v}}/f.nc\", 0, 4]}}"))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("{{v}}/f.nc")
        .hasMessageContaining("unknown name \"v\"");
  }

  @Test
  void read_hostileGenSize_failsBeforeExpanding() {
    String gen =
        "{\"version\":1,\"gen\":[{\"key\":\"k{{i}}.{{j}}\",\"url\":\"f\",\"offset\":\"{{i}}\","
            + "\"length\":\"1\",\"dimensions\":{\"i\":{\"stop\":1000000000},\"j\":{\"stop\":1000000000}}}]}";
    assertThatThrownBy(() -> read(gen))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("/gen/0")
        .hasMessageContaining("more than 50000000 references");
    String small = gen.replace("1000000000", "3");
    assertThatThrownBy(() -> read(small, ReadOptions.DEFAULT.withMaxGeneratedReferences(8)))
        .isInstanceOf(InvalidReferenceSetException.class);
  }

  @Test
  void read_genExpressionsThatAreNotArithmetic_fail() {
    String[] exprs = {
      "{{ __import__('os') }}",
      "{{ i.__class__ }}",
      "{{ i ** 2 }}",
      "{{ (((i) }}",
      "{{ i / 0 }}",
      "{{ 9223372036854775807 + i + 1 }}",
      "{{ i"
    };
    for (String e : exprs) {
      String json =
          "{\"version\":1,\"gen\":[{\"key\":\"k{{i}}\",\"url\":\"f\",\"offset\":\""
              + e
              + "\",\"length\":\"1\",\"dimensions\":{\"i\":{\"start\":1,\"stop\":2}}}]}";
      assertThatThrownBy(() -> read(json))
          .as(e)
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining("/gen/0");
    }
  }

  @Test
  void read_genWithOnlyOffset_fails() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"version\":1,\"gen\":[{\"key\":\"k\",\"url\":\"f\",\"offset\":1,"
                        + "\"dimensions\":{\"i\":[1]}}]}"))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("both offset and length");
  }
}
