package io.refzarr.refs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReferenceSets#writeJson(ReferenceSet, Path, Map)}: targets written through templates. */
class TemplatedJsonTest {
  @TempDir Path tmp;

  @Test
  void longestMatchingTemplateWins_bracesAndDefaultTargetsStay_andTheSetReadsBackTheSame()
      throws IOException {
    ReferenceSet set =
        ReferenceSets.of(
            Map.of(
                "a/0", Reference.range("s3://b/data/x.nc", 1, 2),
                "a/1", Reference.range("s3://b/data/deep/y.nc", 3, 4),
                "a/2", Reference.whole("s3://b/data/{z}.nc"),
                "a/3", Reference.range(Reference.DEFAULT_TARGET, 5, 6),
                "a/4", Reference.inline(new byte[] {7})));
    Map<String, String> templates = new LinkedHashMap<>();
    templates.put("u", "s3://b/data/");
    templates.put("d", "s3://b/data/deep/");
    Path out = tmp.resolve("t.json");
    ReferenceSets.writeJson(set, out, templates);
    String text = Files.readString(out);
    assertThat(text)
        .startsWith(
            "{\"version\":1,\"templates\":{\"u\":\"s3://b/data/\",\"d\":\"s3://b/data/deep/\"}")
        .contains("\"a/0\":[\"{{u}}x.nc\",1,2]")
        .contains("\"a/1\":[\"{{d}}y.nc\",3,4]")
        .contains("\"a/2\":[\"s3://b/data/{z}.nc\"]")
        .contains("\"a/3\":[null,5,6]");
    ReferenceSet back = ReferenceSets.readJson(out);
    for (String key : set.keys().toList()) {
      assertThat(back.get(key)).as(key).isEqualTo(set.get(key));
    }
  }

  @Test
  void badTemplates_areRefused() {
    ReferenceSet set = ReferenceSets.of(Map.of("a/0", Reference.range("x", 0, 1)));
    assertThatThrownBy(() -> ReferenceSets.writeJson(set, tmp.resolve("a.json"), Map.of("1u", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("identifier");
    assertThatThrownBy(
            () -> ReferenceSets.writeJson(set, tmp.resolve("a.json"), Map.of("u", "a{b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("braces");
    assertThat(tmp.resolve("a.json")).doesNotExist();
  }

  @Test
  void aTargetHoldingDoubleBraces_isRefusedBesideTemplates_andTheOldFileStays() throws IOException {
    // fsspec renders every URL holding "{{" once a set has templates: written as it is, this
    // target would read back as s3://b/data/x.nc
    ReferenceSet set =
        ReferenceSets.of(
            Map.of(
                "a/0", Reference.range("s3://b/data/x.nc", 1, 2),
                "a/1", Reference.range("{{u}}x.nc", 3, 4)));
    Path out = tmp.resolve("t.json");
    Files.writeString(out, "old");
    assertThatThrownBy(() -> ReferenceSets.writeJson(set, out, Map.of("u", "s3://b/data/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a/1")
        .hasMessageContaining("{{u}}x.nc");
    assertThat(Files.readString(out)).isEqualTo("old");
    try (var files = Files.list(tmp)) {
      assertThat(files).containsExactly(out);
    }
    ReferenceSets.writeJson(set, out); // without templates the target stays as it is
    assertThat(ReferenceSets.readJson(out).get("a/1")).contains(set.get("a/1").orElseThrow());
  }
}
