package io.refzarr.ops;

import static io.refzarr.ops.OpsFixtures.CORPUS;
import static io.refzarr.ops.OpsFixtures.golden;
import static io.refzarr.ops.OpsFixtures.keys;
import static io.refzarr.ops.OpsFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.bridge.ArrayData;
import io.refzarr.bridge.DataType;
import io.refzarr.bridge.ZarrArray;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.SinkOptions;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InlineArrayTest {
  private static final ReferenceFileSystemConfig CONFIG =
      ReferenceFileSystemConfig.builder().root(CORPUS).build();
  private static final List<String> ARRAYS =
      List.of(
          "lat",
          "lon",
          "level",
          "time",
          "scalar_var",
          "land_mask",
          "station_name",
          "temp",
          "precip");

  @TempDir Path tmp;

  private static void assertSameValues(ReferenceSet want, ReferenceSet got) throws IOException {
    try (FileSystem a = ReferenceFileSystems.newFileSystem(want, CONFIG);
        FileSystem b = ReferenceFileSystems.newFileSystem(got, CONFIG)) {
      for (String array : ARRAYS) {
        ZarrArray x = ZarrArray.open(a.getPath("/" + array));
        ZarrArray y = ZarrArray.open(b.getPath("/" + array));
        assertThat(y.shape()).as(array).isEqualTo(x.shape());
        assertThat(y.attributes()).as(array).isEqualTo(x.attributes());
        ArrayData dx = x.read();
        ArrayData dy = y.read();
        if (dx.dataType().kind() == DataType.Kind.STRING) {
          assertThat(dy.toStringArray()).as(array).isEqualTo(dx.toStringArray());
        } else {
          assertThat(dy.toByteArray()).as(array).isEqualTo(dx.toByteArray());
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.json", "out.parq"})
  void smallArrays_becomeOneEmbeddedChunk_withTheSameValuesAndAttributes(String name)
      throws IOException {
    Path out = tmp.resolve(name);
    try (ReferenceSet set = golden("nc4_cf.json")) {
      Summary s =
          ReferenceSets.write(
              out,
              SinkOptions.DEFAULT,
              sink -> ReferenceOps.inlineArrays(set, 1000, Set.of(), CONFIG, sink));
      assertThat(s.rewritten()).isEqualTo(6); // lat, lon, level, time, scalar_var, land_mask
      try (ReferenceSet result = open(out)) {
        assertSameValues(set, result);
        assertThat(keys(result))
            .contains("time/0", "time/.zattrs", "scalar_var/0")
            .doesNotContain("time/1");
        assertThat(result.get("time/0").orElseThrow()).isInstanceOf(Reference.Inline.class);
        assertThat(new String(((Reference.Inline) result.get("time/.zarray").orElseThrow()).data()))
            .contains("\"chunks\":[10]")
            .contains("\"compressor\":null");
        assertThat(result.get("temp/0.0.0.0")).isEqualTo(set.get("temp/0.0.0.0"));
      }
    }
  }

  @Test
  void namedArrays_compressedAndStrings_areRewrittenToo() throws IOException {
    Path out = tmp.resolve("out.json");
    try (ReferenceSet set = golden("nc4_cf.json")) {
      Summary s =
          ReferenceSets.write(
              out,
              SinkOptions.DEFAULT,
              sink ->
                  ReferenceOps.inlineArrays(
                      set, 0, Set.of("precip", "station_name"), CONFIG, sink));
      assertThat(s.rewritten()).isEqualTo(2);
      try (ReferenceSet result = open(out)) {
        assertSameValues(set, result);
        assertThat(keys(result).stream().filter(k -> k.startsWith("precip/")))
            .containsExactly("precip/.zarray", "precip/.zattrs", "precip/0.0.0");
      }
      assertThatThrownBy(
              () ->
                  ReferenceSets.write(
                      tmp.resolve("x.json"),
                      SinkOptions.DEFAULT,
                      sink -> ReferenceOps.inlineArrays(set, 0, Set.of("nope"), CONFIG, sink)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nope");
    }
  }
}
