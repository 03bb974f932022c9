package io.refzarr.refs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@code gen} block under the count limit cannot exhaust the heap with keys that are not chunks
 * of an array (each of those takes its own map entry): they have their own, memory-aware limit
 * (issue 16 #4).
 */
class GenMemoryLimitTest {
  private static final String ZARRAY =
      "{\\\"shape\\\":[5000],\\\"chunks\\\":[1],\\\"dtype\\\":\\\"<i2\\\","
          + "\\\"compressor\\\":null,\\\"fill_value\\\":0,\\\"filters\\\":null,\\\"order\\\":\\\"C\\\","
          + "\\\"zarr_format\\\":2}";

  private static String gen(String key, int n) {
    return "{\"version\":1,\"refs\":{\"a/.zarray\":\""
        + ZARRAY
        + "\"},\"gen\":[{\"key\":\""
        + key
        + "\",\"url\":\"f\",\"offset\":\"{{i}}\",\"length\":\"1\",\"dimensions\":{\"i\":{\"stop\":"
        + n
        + "}}}]}";
  }

  @Test
  void readJson_genOfManyPlainKeys_isRefusedAtTheLimit() {
    ReadOptions options = ReadOptions.DEFAULT.withMaxGeneratedPlainReferences(1000);

    assertThatThrownBy(() -> read(gen("k{{i}}", 1001), options))
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("/gen/0")
        .hasMessageContaining("more than 1000 references that are not chunks");
    assertThatThrownBy(
            () -> read(gen("b/{{i}}", 1001), options)) // chunk-like, but b has no .zarray
        .isInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("maxGeneratedPlainReferences");
  }

  @Test
  void readJson_genOfChunkKeys_isNotCountedAsPlain() throws IOException {
    ReferenceSet set =
        read(gen("a/{{i}}", 5000), ReadOptions.DEFAULT.withMaxGeneratedPlainReferences(10));

    assertThat(set.size()).isEqualTo(5001);
    assertThat(set.get("a/4321")).contains(new Reference.Range("f", 4321, 1));
  }

  @Test
  void readJson_plainKeysUpToTheLimit_areRead() throws IOException {
    ReferenceSet set =
        read(gen("k{{i}}", 1000), ReadOptions.DEFAULT.withMaxGeneratedPlainReferences(1000));

    assertThat(set.get("k999")).contains(new Reference.Range("f", 999, 1));
  }

  @Test
  void defaults_areMemoryAwareAndConfigurable() {
    assertThat(ReadOptions.DEFAULT.maxGeneratedPlainReferences())
        .isEqualTo(Math.max(100_000L, Runtime.getRuntime().maxMemory() / 2048));
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.fromEnv(Map.of("maxGeneratedPlainReferences", "7"));
    assertThat(config.readOptions().maxGeneratedPlainReferences()).isEqualTo(7);
    assertThat(config.toBuilder().build().readOptions().maxGeneratedPlainReferences()).isEqualTo(7);
  }

  private static ReferenceSet read(String json, ReadOptions options) throws IOException {
    return ReferenceSets.readJson(json.getBytes(StandardCharsets.UTF_8), "gen.json", options);
  }
}
