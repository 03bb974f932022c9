package io.refzarr.refs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One key grammar ({@link StoreKeys}) for every set read or written: keys that would walk outside
 * the set ({@code ..}), alias another key ({@code .}, empty segments) or break listing (control
 * characters) are refused naming the key (issue 16, finding 3).
 */
class KeyGrammarTest {

  // JSON string escapes of the hostile keys: the fuzzer's "../t/.zgroup" among them
  @ParameterizedTest
  @ValueSource(
      strings = {
        "../t/.zgroup",
        "..",
        "a/../b",
        "a/./b",
        ".",
        "./a",
        "a/.",
        "a\\u0000b",
        "t\\u0001/0.0",
        "a\\u007fb",
        "a\\nb",
        "/a",
        "a/",
        "a//b",
        ""
      })
  void readJson_keyOutsideTheGrammar_isRefusedNamingIt(String jsonKey) {
    String json = "{\"version\":1,\"refs\":{\"ok\":\"1\",\"" + jsonKey + "\":\"x\"}}";

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("test.json")
        .hasMessageContaining(
            "key \"" + jsonKey.replace("\\u00", "\\u00").replace("\\n", "\\u000a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x{{i}}", "x{{i}}/./y"})
  void readJson_genMakingAKeyOutsideTheGrammar_isRefused(String key) {
    String json =
        "{\"version\":1,\"gen\":[{\"key\":\""
            + key
            + "\",\"url\":\"f\",\"offset\":\"0\","
            + "\"length\":\"1\",\"dimensions\":{\"i\":{\"stop\":2}}}]}";

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("/gen/0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"..a/b..", "a b/é/.zarray", "back\\\\slash", "...", ".zgroup", "t/0.0.0"})
  void readJson_keysInsideTheGrammar_areRead(String jsonKey) throws IOException {
    ReferenceSet set = read("{\"version\":1,\"refs\":{\"" + jsonKey + "\":\"x\"}}");

    assertThat(set.keys()).containsExactly(jsonKey.replace("\\\\", "\\"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a\u0000", "/a"})
  void builder_keyOutsideTheGrammar_isRefused(String key) {
    assertThatThrownBy(() -> ReferenceSets.builder().putInline(key, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a store key");
    assertThatThrownBy(() -> StoreKeys.check("sink", key))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("sink at key \"");
  }

  private static ReferenceSet read(String json) throws IOException {
    return ReferenceSets.readJson(
        json.getBytes(StandardCharsets.UTF_8), "test.json", ReadOptions.DEFAULT);
  }
}
