package io.refzarr.ops;

import static io.refzarr.ops.OpsFixtures.CORPUS;
import static io.refzarr.ops.OpsFixtures.corpusReader;
import static io.refzarr.ops.OpsFixtures.golden;
import static io.refzarr.ops.OpsFixtures.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.ops.VerifyReport.Failure;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
import io.refzarr.testing.Retarget;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyTest {
  private static final VerifyOptions DECODE = VerifyOptions.DEFAULT.decoding(3);

  @TempDir Path tmp;
  private Path data;

  @BeforeEach
  void copyTheTarget() throws IOException {
    data = tmp.resolve("nc4_cf.nc");
    Files.copy(Corpus.file("nc4_cf.nc"), data);
  }

  private VerifyReport verify(ReferenceSet set, VerifyOptions options, List<Failure> seen)
      throws IOException {
    try (ReferenceReader reader =
        ReferenceReader.create(ReferenceFileSystemConfig.builder().root(tmp).build())) {
      return ReferenceOps.verify(set, reader, options, seen::add);
    }
  }

  private long targeted(ReferenceSet set) throws IOException {
    long n = 0;
    for (String key : keys(set)) {
      n += set.get(key).orElseThrow() instanceof Reference.Targeted ? 1 : 0;
    }
    return n;
  }

  @Test
  void goodSet_passes_withCountsPerArray_andDecodedSamples() throws IOException {
    try (ReferenceSet set = golden("nc4_cf.json")) {
      VerifyReport r = verify(set, DECODE, new ArrayList<>());
      assertThat(r.ok()).as("%s", r.failures()).isTrue();
      assertThat(r.references()).isEqualTo(set.size());
      assertThat(r.arrays().get("temp").references())
          .isEqualTo(12); // .zarray, .zattrs and 10 chunks
      assertThat(r.arrays().get("temp").decoded()).isEqualTo(3);
      assertThat(r.arrays().get("station_name").decoded()).isEqualTo(1);
    }
  }

  @Test
  void everyGoldenSet_passes_withDecode() throws IOException {
    for (Path p : Corpus.goldenJsonSets()) {
      try (ReferenceSet set = OpsFixtures.open(p);
          ReferenceReader reader = corpusReader()) {
        VerifyReport r = ReferenceOps.verify(set, reader, DECODE);
        assertThat(r.failures()).as(p.toString()).isEmpty();
      }
    }
  }

  @Test
  void truncatedTarget_failsEveryRangePastTheNewEnd() throws IOException {
    long size = Files.size(data);
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
      ch.truncate(size / 2);
    }
    try (ReferenceSet set = golden("nc4_cf.json")) {
      List<Failure> seen = new ArrayList<>();
      VerifyReport r = verify(set, VerifyOptions.DEFAULT, seen);
      assertThat(r.ok()).isFalse();
      assertThat(r.failureCount()).isEqualTo(seen.size()).isPositive();
      assertThat(r.failures()).isEqualTo(seen);
      assertThat(seen)
          .allSatisfy(
              f -> {
                assertThat(f.target()).isEqualTo("nc4_cf.nc");
                assertThat(f.reason())
                    .contains("runs past the end of the target (" + size / 2 + " bytes)");
                Reference.Range range = (Reference.Range) set.get(f.key()).orElseThrow();
                assertThat(range.end()).isGreaterThan(size / 2);
              });
    }
  }

  @Test
  void missingTarget_failsEveryReferenceToIt() throws IOException {
    Files.delete(data);
    try (ReferenceSet set = golden("nc4_cf.json")) {
      List<Failure> seen = new ArrayList<>();
      VerifyReport r = verify(set, VerifyOptions.DEFAULT, seen);
      assertThat(r.failureCount()).isEqualTo(targeted(set));
      assertThat(seen)
          .allSatisfy(
              f ->
                  assertThat(f.reason())
                      .contains("not reachable")
                      .endsWith("no such file " + data));
      assertThat(r.arrays().get("temp").failed())
          .isEqualTo(r.arrays().get("temp").references() - 2);
    }
  }

  @Test
  void sameSizeOtherBytes_passesTheRangeCheck_butNotTheDecode() throws IOException {
    byte[] other = new byte[(int) Files.size(data)];
    new Random(7).nextBytes(other);
    Files.write(data, other);
    try (ReferenceSet set = golden("nc4_cf.json")) {
      assertThat(verify(set, VerifyOptions.DEFAULT, new ArrayList<>()).ok()).isTrue();
      List<Failure> seen = new ArrayList<>();
      VerifyReport r = verify(set, DECODE, seen);
      assertThat(r.ok()).isFalse();
      // the sampled chunks (first, middle, last) of the two compressed arrays; raw chunks cannot
      // tell
      assertThat(seen)
          .extracting(Failure::key)
          .containsExactly(
              "precip/0.0.0",
              "precip/0.1.1",
              "precip/1.1.1",
              "temp/0.0.0.0",
              "temp/4.0.0.0",
              "temp/9.0.0.0");
      assertThat(seen)
          .allSatisfy(
              f ->
                  assertThat(f.reason())
                      .startsWith(
                          "the chunk does not decode with zlib,shuffle: zlib stream is corrupt"));
    }
  }

  @Test
  void rangePastTheEnd_inAGeneratedSet() throws IOException {
    long size = Files.size(data);
    ReferenceSet set =
        ReferenceSets.of(
            Map.of(
                "a/0", Reference.range("nc4_cf.nc", 0, size),
                "a/1", Reference.range("nc4_cf.nc", size - 10, 11),
                "a/2", Reference.whole("nc4_cf.nc")));
    List<Failure> seen = new ArrayList<>();
    VerifyReport r = verify(set, VerifyOptions.DEFAULT, seen);
    assertThat(seen)
        .containsExactly(
            new Failure(
                "a/1",
                "nc4_cf.nc",
                "range ["
                    + (size - 10)
                    + ", +11) runs past the end of the target ("
                    + size
                    + " bytes)"));
    assertThat(r.arrays().get("a")).isEqualTo(new VerifyReport.ArrayCounts(3, 0, 1));
  }

  @Test
  void overHttp_parquetSet_passes_andAMissingFileFails() throws IOException {
    try (RangeHttpServer server = RangeHttpServer.serve(CORPUS);
        ReferenceSet local = golden("series_combined.parq");
        ReferenceReader reader = ReferenceReader.create(ReferenceFileSystemConfig.DEFAULT)) {
      ReferenceSet remote = Retarget.of(local, t -> server.base() + t);
      assertThat(ReferenceOps.verify(remote, reader, DECODE).failures()).isEmpty();
      ReferenceSet moved = Retarget.of(local, t -> server.base() + "moved/" + t);
      VerifyReport r = ReferenceOps.verify(moved, reader, VerifyOptions.DEFAULT);
      assertThat(r.failureCount()).isEqualTo(targeted(local)).isPositive();
    }
  }

  /**
   * An array whose chunk keys use "/" ({@code grid/1/0}) is one array in the report, not one entry
   * per row directory, and its chunks are sampled and decoded as the array's.
   */
  @Test
  void slashSeparatedChunkKeys_areCountedAndDecodedPerArray() throws IOException {
    byte[] chunk = new byte[2 * 2 * 4];
    Files.write(tmp.resolve("grid.bin"), new byte[4 * chunk.length]);
    Map<String, Reference> refs = new java.util.HashMap<>();
    refs.put(
        "g/grid/.zarray",
        Reference.inline(
            ("{\"zarr_format\": 2, \"shape\": [4, 4], \"chunks\": [2, 2], \"dtype\": \"<i4\","
                    + " \"compressor\": null, \"filters\": null, \"fill_value\": 0, \"order\":"
                    + " \"C\", \"dimension_separator\": \"/\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    refs.put("g/.zgroup", Reference.inline("{\"zarr_format\": 2}".getBytes()));
    for (int i = 0; i < 4; i++) {
      refs.put("g/grid/" + i / 2 + "/" + i % 2, Reference.range("grid.bin", i * 16L, 16));
    }
    refs.put("g/grid/1/1", Reference.range("grid.bin", 48, 15)); // one byte short: fails to decode
    VerifyReport r =
        verify(ReferenceSets.of(refs), VerifyOptions.DEFAULT.decoding(4), new ArrayList<>());
    assertThat(r.arrays().keySet()).containsExactlyInAnyOrder("g", "g/grid");
    assertThat(r.arrays().get("g/grid")).isEqualTo(new VerifyReport.ArrayCounts(5, 4, 1));
    assertThat(r.failures()).extracting(Failure::key).containsExactly("g/grid/1/1");
    assertThat(r.failures().get(0).reason()).contains("decoded 15 bytes, expected 16");
  }
}
