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
import io.refzarr.source.ReferenceNotReachableException;
import io.refzarr.testing.RangeHttpServer;
import io.refzarr.testing.Retarget;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InlineTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"out.json", "out.parq"})
  void inline_embedsEveryRangeBelowTheThreshold_andEveryChunkReadsAsBefore(String name)
      throws IOException {
    Path out = tmp.resolve(name);
    try (ReferenceSet set = golden("hdf5_chunkgrid.json");
        ReferenceReader reader = corpusReader()) {
      Summary s =
          ReferenceSets.write(
              out,
              SinkOptions.DEFAULT.withRecordSize(100),
              sink -> ReferenceOps.inline(set, 641, reader, sink));
      assertThat(s.keys()).isEqualTo(set.size());
      assertThat(s.rewritten()).isEqualTo(1000); // every 640-byte chunk of the 400x400 grid
      assertThat(s.bytes()).isEqualTo(1000 * 640);
      try (ReferenceSet result = open(out)) {
        for (String key : keys(result)) {
          assertThat(result.get(key).orElseThrow()).as(key).isInstanceOf(Reference.Inline.class);
        }
        assertSameBytes(set, reader, result, reader);
      }
    }
  }

  @Test
  void inline_keepsRangesAtOrAboveTheThreshold() throws IOException {
    Path out = tmp.resolve("out.json");
    try (ReferenceSet set = golden("nc4_cf.json");
        ReferenceReader reader = corpusReader()) {
      long small = 0;
      for (String key : keys(set)) {
        if (set.get(key).orElseThrow() instanceof Reference.Range r && r.length() < 3000) {
          small++;
        }
      }
      Summary s =
          ReferenceSets.write(
              out, SinkOptions.DEFAULT, sink -> ReferenceOps.inline(set, 3000, reader, sink));
      assertThat(s.rewritten()).isEqualTo(small).isPositive();
      try (ReferenceSet result = open(out)) {
        for (String key : keys(result)) {
          Reference r = result.get(key).orElseThrow();
          if (r instanceof Reference.Range range) {
            assertThat(range.length()).as(key).isGreaterThanOrEqualTo(3000);
          }
        }
        assertSameBytes(set, reader, result, reader);
      }
    }
  }

  @Test
  void inline_parquetInput_toJson() throws IOException {
    Path out = tmp.resolve("out.json");
    try (ReferenceSet set = golden("series_combined.parq");
        ReferenceReader reader = corpusReader()) {
      Summary s =
          ReferenceSets.write(
              out, SinkOptions.DEFAULT, sink -> ReferenceOps.inline(set, 100_000, reader, sink));
      assertThat(s.rewritten()).isPositive();
      try (ReferenceSet result = open(out)) {
        assertSameBytes(set, reader, result, reader);
      }
    }
  }

  @Test
  void inline_archiveMembers_readThroughTheArchive() throws IOException {
    Path out = tmp.resolve("out.json");
    try (ReferenceSet set = golden("archives/chained/bundle_zip__day_001.json");
        ReferenceReader reader = corpusReader()) {
      Summary s =
          ReferenceSets.write(
              out, SinkOptions.DEFAULT, sink -> ReferenceOps.inline(set, 1 << 20, reader, sink));
      assertThat(s.rewritten()).isPositive();
      try (ReferenceSet result = open(out);
          ReferenceSet deref = golden("archives/bundle_zip/day_001.json")) {
        assertSameBytes(deref, reader, result, reader);
      }
    }
  }

  @Test
  void inline_overHttp_coalescesTheRequests() throws IOException {
    Path out = tmp.resolve("out.parq");
    try (RangeHttpServer server = RangeHttpServer.serve(CORPUS);
        ReferenceSet local = golden("hdf5_chunkgrid.json");
        ReferenceReader localReader = corpusReader();
        ReferenceReader reader = ReferenceReader.create(ReferenceFileSystemConfig.DEFAULT)) {
      ReferenceSet remote = Retarget.of(local, t -> server.base() + t);
      Summary s =
          ReferenceSets.write(
              out, SinkOptions.DEFAULT, sink -> ReferenceOps.inline(remote, 1000, reader, sink));
      assertThat(s.rewritten()).isEqualTo(1000);
      assertThat(server.gets()).isLessThan(20); // 1,000 adjacent ranges, coalesced
      try (ReferenceSet result = open(out)) {
        assertSameBytes(local, localReader, result, localReader);
      }
    }
  }

  @Test
  void inline_unreachableTarget_failsNamingTheKey_andLeavesNoOutput() throws IOException {
    Path out = tmp.resolve("out.json");
    ReferenceSet set =
        ReferenceSets.of(java.util.Map.of("a/0", Reference.range("missing.bin", 0, 10)));
    try (ReferenceReader reader = corpusReader()) {
      assertThatThrownBy(
              () ->
                  ReferenceSets.write(
                      out,
                      SinkOptions.DEFAULT,
                      sink -> ReferenceOps.inline(set, 100, reader, sink)))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("a/0")
          .hasMessageContaining("missing.bin");
    }
    assertThat(out).doesNotExist();
  }
}
