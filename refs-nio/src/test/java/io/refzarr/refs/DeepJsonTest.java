package io.refzarr.refs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * JSON beyond Jackson's constraints ends in an {@link InvalidReferenceSetException}, not an NPE
 * (issue 16 #7).
 */
class DeepJsonTest {

  @Test
  void readJson_nestedDeeperThanJacksonAllows_isInvalidReferenceSet() {
    String deep = "{\"x\":".repeat(5000) + "1" + "}".repeat(5000);
    for (String json :
        new String[] {
          "{\"a\":" + deep + "}",
          "{\"version\":1,\"refs\":{\"a\":" + deep + "}}",
          "{\"version\":1,\"gen\":[" + deep + "]}"
        }) {
      assertThatThrownBy(
              () ->
                  ReferenceSets.readJson(
                      json.getBytes(StandardCharsets.UTF_8), "deep.json", ReadOptions.DEFAULT))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining("deep.json")
          .hasMessageContaining("malformed JSON")
          .hasMessageContaining("depth");
    }
  }
}
