package io.refzarr.ops;

import static io.refzarr.ops.OpsFixtures.CORPUS;
import static io.refzarr.ops.OpsFixtures.assertSameBytes;
import static io.refzarr.ops.OpsFixtures.corpusReader;
import static io.refzarr.ops.OpsFixtures.golden;
import static io.refzarr.ops.OpsFixtures.keys;
import static io.refzarr.ops.OpsFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.SinkOptions;
import io.refzarr.testing.RangeHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenameTargetsTest {
  @TempDir Path tmp;

  @Test
  void prefix_relocatesALocalSetToHttp_andEveryKeyReadsTheSameBytes() throws IOException {
    Path out = tmp.resolve("out.parq");
    try (RangeHttpServer server = RangeHttpServer.serve(CORPUS.resolve("series"));
        ReferenceSet set = golden("series_combined.json");
        ReferenceReader local = corpusReader();
        ReferenceReader remote = ReferenceReader.create(ReferenceFileSystemConfig.DEFAULT)) {
      Summary s =
          ReferenceSets.write(
              out,
              SinkOptions.DEFAULT,
              sink ->
                  ReferenceOps.renameTargets(
                      set, TargetRenames.of(Map.of(), Map.of("series/", server.base())), sink));
      assertThat(s.rewritten()).isPositive();
      try (ReferenceSet result = open(out)) {
        for (String key : keys(result)) {
          if (result.get(key).orElseThrow() instanceof Reference.Targeted t) {
            assertThat(t.target()).startsWith(server.base());
          }
        }
        assertSameBytes(set, local, result, remote);
      }
    }
  }

  @Test
  void exactRules_winOverPrefixes_andUnmatchedTargetsStay() throws IOException {
    ReferenceSet set =
        ReferenceSets.of(
            Map.of(
                "a/0", Reference.range("data/x.nc", 1, 2),
                "a/1", Reference.range("data/y.nc", 3, 4),
                "a/2", Reference.whole("other/z.nc"),
                "a/3", Reference.inline(new byte[] {1})));
    TargetRenames renames =
        TargetRenames.of(Map.of("data/x.nc", "s3://b/x.nc"), Map.of("data/", "https://h/d/"));
    Path out = tmp.resolve("out.json");
    Summary s =
        ReferenceSets.write(
            out, SinkOptions.DEFAULT, sink -> ReferenceOps.renameTargets(set, renames, sink));
    assertThat(s).isEqualTo(new Summary(4, 2, 0));
    try (ReferenceSet result = open(out)) {
      assertThat(result.get("a/0")).contains(Reference.range("s3://b/x.nc", 1, 2));
      assertThat(result.get("a/1")).contains(Reference.range("https://h/d/y.nc", 3, 4));
      assertThat(result.get("a/2")).contains(Reference.whole("other/z.nc"));
      assertThat(result.get("a/3")).contains(Reference.inline(new byte[] {1}));
    }
  }

  @Test
  void templates_areRenderedFirst() throws IOException {
    Path in = tmp.resolve("t.json");
    Files.writeString(
        in,
        "{\"version\":1,\"templates\":{\"u\":\"data/long/path\"},"
            + "\"refs\":{\"a/0\":[\"{{u}}/x.nc\",0,5]}}");
    Path out = tmp.resolve("out.json");
    try (ReferenceSet set = open(in)) {
      ReferenceSets.write(
          out,
          SinkOptions.DEFAULT,
          sink ->
              ReferenceOps.renameTargets(
                  set,
                  TargetRenames.of(Map.of("data/long/path/x.nc", "/abs/x.nc"), Map.of()),
                  sink));
    }
    try (ReferenceSet result = open(out)) {
      assertThat(result.get("a/0")).contains(Reference.range("/abs/x.nc", 0, 5));
    }
  }

  @Test
  void mapFile_jsonOrLines() throws IOException {
    Path json = tmp.resolve("m.json");
    Files.writeString(json, "{\"a.nc\": \"s3://b/a.nc\", \"b.nc\": \"s3://b/b.nc\"}");
    assertThat(TargetRenames.readMapFile(json))
        .containsExactly(Map.entry("a.nc", "s3://b/a.nc"), Map.entry("b.nc", "s3://b/b.nc"));
    Path lines = tmp.resolve("m.txt");
    Files.writeString(
        lines, "# moves\na.nc=s3://b/a.nc?x=1\n\nb.nc=s3://b/b.nc\n", StandardCharsets.UTF_8);
    assertThat(TargetRenames.readMapFile(lines))
        .containsExactly(Map.entry("a.nc", "s3://b/a.nc?x=1"), Map.entry("b.nc", "s3://b/b.nc"));
    Files.writeString(lines, "a.nc=x\nnot a rule\n");
    assertThatThrownBy(() -> TargetRenames.readMapFile(lines))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 2");
  }
}
