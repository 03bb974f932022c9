package io.refzarr.cli;

import static io.refzarr.cli.CliTest.run;
import static io.refzarr.cli.CliTest.runOk;
import static io.refzarr.cli.CliTest.sortedKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.cli.CliTest.Result;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.ReadOptions;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.source.ByteRangeReaderProvider;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
import io.refzarr.testing.Retarget;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands over the operations on reference sets, through the real entry point. */
class OpsCommandsTest {
  static final Path CORPUS = Corpus.dir();
  static final String CHUNKGRID = CORPUS.resolve("golden/hdf5_chunkgrid.json").toString();

  @TempDir Path tmp;

  /** Every chunk of {@code actual} reads the bytes of the same chunk of {@code expected}. */
  private static void assertSameChunks(Path expected, Path actual, ReferenceFileSystemConfig config)
      throws IOException {
    try (ReferenceSet want = ReferenceSets.open(expected, ReadOptions.DEFAULT);
        ReferenceSet got = ReferenceSets.open(actual, ReadOptions.DEFAULT);
        ReferenceReader reader = ReferenceReader.create(config)) {
      assertThat(sortedKeys(got)).isEqualTo(sortedKeys(want));
      for (String key : sortedKeys(want)) {
        if (!key.contains("/.z") && !key.startsWith(".z")) {
          assertThat(reader.read(key, got.get(key).orElseThrow()))
              .as(key)
              .isEqualTo(reader.read(key, want.get(key).orElseThrow()));
        }
      }
    }
  }

  private static ReferenceFileSystemConfig corpusConfig() {
    return ReferenceFileSystemConfig.builder().root(CORPUS).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.json", "out.parq"})
  void inline_writesTheOutput_andSaysWhatItDidOnStderr(String name) throws IOException {
    Path out = tmp.resolve(name);
    Result r =
        runOk(
            "inline",
            CHUNKGRID,
            "--threshold",
            "641",
            "-o",
            out.toString(),
            "--root",
            CORPUS.toString());
    assertThat(r.err()).contains("inlined 1000 of 1004 keys (640000 bytes)");
    assertSameChunks(Path.of(CHUNKGRID), out, corpusConfig());
    try (ReferenceSet set = ReferenceSets.open(out, ReadOptions.DEFAULT)) {
      assertThat(set.get("grid/0.0").orElseThrow()).isInstanceOf(Reference.Inline.class);
    }
  }

  @Test
  void inline_overHttp() throws IOException {
    Path remote = tmp.resolve("remote.json");
    Path out = tmp.resolve("out.json");
    try (RangeHttpServer server = RangeHttpServer.serve(CORPUS);
        ReferenceSet local = ReferenceSets.open(Path.of(CHUNKGRID), ReadOptions.DEFAULT)) {
      ReferenceSets.writeJson(Retarget.of(local, t -> server.base() + t), remote);
      Result r = runOk("inline", remote.toString(), "--threshold", "1000", "-o", out.toString());
      assertThat(server.gets()).isLessThan(20);
    }
    assertSameChunks(Path.of(CHUNKGRID), out, corpusConfig());
  }

  @Test
  void inPlace_replacesTheInput_andNeitherOrBothOutputsIsRefused() throws IOException {
    Path copy = tmp.resolve("copy.json");
    Files.copy(Path.of(CHUNKGRID), copy);
    Result r =
        runOk(
            "inline",
            copy.toString(),
            "--threshold",
            "641",
            "--in-place",
            "--root",
            CORPUS.toString());
    assertSameChunks(Path.of(CHUNKGRID), copy, corpusConfig());
    try (ReferenceSet set = ReferenceSets.open(copy, ReadOptions.DEFAULT)) {
      assertThat(set.get("grid/19.24").orElseThrow()).isInstanceOf(Reference.Inline.class);
    }
    Result neither = run("inline", copy.toString(), "--threshold", "1");
    assertThat(neither.status()).isNotZero();
    assertThat(neither.err()).contains("give either -o OUT or --in-place");
    Result both =
        run(
            "inline",
            copy.toString(),
            "--threshold",
            "1",
            "--in-place",
            "-o",
            tmp.resolve("x.json").toString());
    assertThat(both.status()).isNotZero();
    assertThat(tmp.resolve("x.json")).doesNotExist();
  }

  @Test
  void inPlace_parquetInput_isReplacedWhole() throws IOException {
    Path copy = tmp.resolve("copy.parq");
    runOk(
        "convert", CORPUS.resolve("golden/series_combined.parq").toString(), "-o", copy.toString());
    Result r =
        runOk(
            "inline",
            copy.toString(),
            "--threshold",
            "100000",
            "--in-place",
            "--root",
            CORPUS.toString());
    assertThat(r.err()).containsPattern("inlined [1-9]\\d* of");
    assertSameChunks(CORPUS.resolve("golden/series_combined.parq"), copy, corpusConfig());
    try (ReferenceSet set = ReferenceSets.open(copy, ReadOptions.DEFAULT)) {
      assertThat(set.get("pr/0.0.0").orElseThrow()).isInstanceOf(Reference.Inline.class);
    }
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .containsExactly("copy.parq"); // no leftovers
    }
  }

  @Test
  void inline_unreachableTarget_isOneLineNamingTheKey_andWritesNothing() {
    Path out = tmp.resolve("out.json");
    Result r =
        run(
            "inline",
            CHUNKGRID,
            "--threshold",
            "641",
            "-o",
            out.toString(),
            "--root",
            tmp.toString());
    assertThat(r.status()).isNotZero();
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(r.err()).contains("hdf5_chunkgrid.h5").contains("grid/");
    assertThat(out).doesNotExist();
  }

  @Test
  void renameTarget_prefixMapAndMapFile_countTheRewrittenKeys() throws IOException {
    Path data = tmp.resolve("moved");
    Files.createDirectories(data);
    Files.copy(CORPUS.resolve("hdf5_chunkgrid.h5"), data.resolve("grid.h5"));
    Path out = tmp.resolve("out.parq");
    Result r =
        runOk(
            "rename-target",
            CHUNKGRID,
            "--map",
            "hdf5_chunkgrid.h5=" + data.resolve("grid.h5"),
            "-o",
            out.toString());
    assertThat(r.err()).contains("renamed the targets of 1000 of 1004 keys");
    assertSameChunks(Path.of(CHUNKGRID), out, corpusConfig()); // the output's targets are absolute

    Path viaPrefix = tmp.resolve("prefix.json");
    Result p =
        run(
            "rename-target",
            CHUNKGRID,
            "--prefix",
            "hdf5_=" + data + "/nothing_",
            "-o",
            viaPrefix.toString());
    assertThat(p.err()).contains("renamed the targets of 1000 of 1004 keys");
    try (ReferenceSet set = ReferenceSets.open(viaPrefix, ReadOptions.DEFAULT)) {
      assertThat(((Reference.Range) set.get("grid/0.0").orElseThrow()).target())
          .isEqualTo(data + "/nothing_chunkgrid.h5");
    }

    Path map = tmp.resolve("renames.json");
    Files.writeString(map, "{\"other.h5\": \"x.h5\"}");
    Result none =
        run(
            "rename-target",
            CHUNKGRID,
            "--map-file",
            map.toString(),
            "-o",
            tmp.resolve("n.json").toString());
    assertThat(none.status()).isZero();
    assertThat(none.err()).contains("renamed the targets of 0 of 1004 keys");
    Result noRule = run("rename-target", CHUNKGRID, "-o", tmp.resolve("n.json").toString());
    assertThat(noRule.status()).isNotZero();
    assertThat(noRule.err()).contains("give --map, --prefix or --map-file");
  }

  @Test
  void dereference_chainedSet_givesKerchunksRanges() throws IOException {
    Path out = tmp.resolve("out.json");
    Result r =
        runOk(
            "dereference",
            CORPUS.resolve("golden/archives/chained/bundle_tar__nc3_classic.json").toString(),
            "-o",
            out.toString(),
            "--root",
            CORPUS.toString());
    assertThat(r.err()).containsPattern("dereferenced \\d+ of \\d+ keys");
    try (ReferenceSet got = ReferenceSets.open(out, ReadOptions.DEFAULT);
        ReferenceSet want =
            ReferenceSets.open(
                CORPUS.resolve("golden/archives/bundle_tar/nc3_classic.json"),
                ReadOptions.DEFAULT)) {
      for (String key : sortedKeys(want)) {
        if (want.get(key).orElseThrow() instanceof Reference.Targeted) {
          assertThat(got.get(key)).as(key).isEqualTo(want.get(key));
        }
      }
    }
  }

  /** A zip of a one-array Zarr store (int16, two chunks), every member deflated. */
  private Path deflatedZipSet() throws IOException {
    Path zip = tmp.resolve("store.zip");
    java.util.Map<String, byte[]> members = new java.util.LinkedHashMap<>();
    members.put(
        "a/.zarray",
        ("{\"zarr_format\": 2, \"shape\": [6], \"chunks\": [3], \"dtype\": \"<i2\","
                + " \"compressor\": null, \"filters\": null, \"fill_value\": 0, \"order\": \"C\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    members.put("a/0", new byte[] {1, 0, 2, 0, 3, 0});
    members.put("a/1", new byte[] {4, 0, 5, 0, 6, 0});
    java.util.Map<String, Reference> refs = new java.util.LinkedHashMap<>();
    try (java.util.zip.ZipOutputStream out =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      for (var e : members.entrySet()) {
        out.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
        refs.put(e.getKey(), Reference.whole("zip://" + e.getKey() + "::" + zip.toUri()));
      }
    }
    Path in = tmp.resolve("chained.json");
    ReferenceSets.write(
        in,
        io.refzarr.refs.SinkOptions.DEFAULT,
        sink -> {
          ReferenceSets.copy(ReferenceSets.of(refs), sink);
          return null;
        });
    return in;
  }

  @Test
  void dereference_allowDeflate_writesDeflateRanges_thatReadBack_andIsNeededForThem()
      throws IOException {
    Path in = deflatedZipSet();
    Path out = tmp.resolve("out.json");
    Result refused = run("dereference", in.toString(), "-o", out.toString());
    assertThat(refused.status()).isNotZero();
    assertThat(refused.err()).contains("a/.zarray").contains("deflate");
    assertThat(out).doesNotExist();

    Result r = runOk("dereference", in.toString(), "--allow-deflate", "-o", out.toString());
    assertThat(r.err()).contains("dereferenced 3 of 3 keys");
    try (java.nio.file.FileSystem fs = io.refzarr.nio.ReferenceFileSystems.newFileSystem(out)) {
      assertThat(io.refzarr.bridge.ZarrArray.open(fs.getPath("/a")).read().toShortArray())
          .containsExactly((short) 1, (short) 2, (short) 3, (short) 4, (short) 5, (short) 6);
    }
  }

  @Test
  void verify_goodSet_exitsZero_withCountsPerArray() {
    Result r =
        run("verify", CliTest.REFS, "--decode", "--sample", "2", "--root", CORPUS.toString());
    assertThat(r.status()).as(r.text() + r.err()).isZero();
    assertThat(r.text())
        .doesNotContain("FAIL")
        .containsPattern("temp\\s+12 references\\s+2 decoded\\s+0 failed");
    assertThat(r.err()).contains("45 references checked, 0 failed (OK)");
  }

  @Test
  void verify_truncatedOrReplacedTarget_listsEveryFailure_andExitsOne() throws IOException {
    Path data = tmp.resolve("nc4_cf.nc");
    Files.copy(CORPUS.resolve("nc4_cf.nc"), data);
    long size = Files.size(data);
    byte[] bytes = Files.readAllBytes(data);
    for (int i = 20000; i < bytes.length; i++) {
      bytes[i] ^= 0x5a;
    }
    Files.write(data, bytes);
    Result replaced = run("verify", CliTest.REFS, "--decode", "--root", tmp.toString());
    assertThat(replaced.status()).as(replaced.text() + replaced.err()).isEqualTo(1);
    assertThat(replaced.text())
        .contains("FAIL temp/0.0.0.0 -> nc4_cf.nc: the chunk does not decode");
    assertThat(replaced.err()).contains("(FAILED)");

    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
      ch.truncate(size / 2);
    }
    Result truncated = run("verify", CliTest.REFS, "--root", tmp.toString());
    assertThat(truncated.status()).isEqualTo(1);
    assertThat(truncated.text())
        .containsPattern(
            "FAIL \\S+ -> nc4_cf.nc: range \\[\\d+, \\+\\d+\\) runs past the end"
                + " of the target \\("
                + size / 2
                + " bytes\\)");
    Files.delete(data);
    Result missing = run("verify", CliTest.REFS, "--root", tmp.toString());
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.text()).contains("FAIL temp/9.0.0.0 -> nc4_cf.nc: target not reachable");
  }

  @Test
  void consolidate_andExpandTemplates_inPlace() throws IOException {
    Path abs = tmp.resolve("abs.json");
    runOk(
        "rename-target", CHUNKGRID, "--prefix", "hdf5_=" + CORPUS + "/hdf5_", "-o", abs.toString());
    Result r = runOk("consolidate", abs.toString(), "--in-place");
    assertThat(r.err()).contains("1004 keys, 1000 of them with a template");
    assertThat(Files.readString(abs))
        .contains("\"templates\":{\"u\":\"" + CORPUS + "/\"}")
        .contains("\"{{u}}hdf5_chunkgrid.h5\"");
    assertSameChunks(Path.of(CHUNKGRID), abs, corpusConfig());
    Path expanded = tmp.resolve("expanded.json");
    Result e =
        runOk("consolidate", abs.toString(), "--expand-templates", "-o", expanded.toString());
    assertThat(Files.readString(expanded))
        .doesNotContain("{{")
        .contains(CORPUS + "/hdf5_chunkgrid.h5");
    Result parquet = run("consolidate", abs.toString(), "-o", tmp.resolve("x.parq").toString());
    assertThat(parquet.status()).isNotZero();
    assertThat(parquet.err()).contains("consolidate writes JSON");
  }

  @Test
  void subchunk_splitsTheChunks_andRefusesACompressedArray() throws IOException {
    Path out = tmp.resolve("out.parq");
    Result r =
        runOk(
            "subchunk",
            CHUNKGRID,
            "--array",
            "grid",
            "--factor",
            "5",
            "-o",
            out.toString(),
            "--root",
            CORPUS.toString());
    assertThat(r.err()).contains("split 1000 chunks of grid into 5");
    try (ReferenceSet want = ReferenceSets.open(Path.of(CHUNKGRID), ReadOptions.DEFAULT);
        ReferenceSet got = ReferenceSets.open(out, ReadOptions.DEFAULT);
        ReferenceReader reader = ReferenceReader.create(corpusConfig())) {
      byte[] chunk = reader.read("grid/7.3", want.get("grid/7.3").orElseThrow());
      for (int k = 0; k < 5; k++) {
        assertThat(reader.read("g", got.get("grid/" + (35 + k) + ".3").orElseThrow()))
            .isEqualTo(java.util.Arrays.copyOfRange(chunk, k * 128, (k + 1) * 128));
      }
    }
    Result refused =
        run(
            "subchunk",
            CliTest.REFS,
            "--array",
            "temp",
            "--factor",
            "3",
            "-o",
            tmp.resolve("x.json").toString());
    assertThat(refused.status()).isNotZero();
    assertThat(refused.err()).contains("temp").contains("compressed");
  }

  @Test
  void inlineArray_embedsTheSmallArrays() throws IOException {
    Path out = tmp.resolve("out.json");
    Result r =
        runOk(
            "inline-array",
            CliTest.REFS,
            "--array",
            "precip",
            "-o",
            out.toString(),
            "--root",
            CORPUS.toString());
    assertThat(r.err()).contains("7 arrays embedded as one chunk each");
    try (ReferenceSet set = ReferenceSets.open(out, ReadOptions.DEFAULT);
        java.nio.file.FileSystem fs =
            io.refzarr.nio.ReferenceFileSystems.newFileSystem(set, corpusConfig());
        java.nio.file.FileSystem orig =
            io.refzarr.nio.ReferenceFileSystems.newFileSystem(
                Path.of(CliTest.REFS), corpusConfig())) {
      assertThat(sortedKeys(set)).contains("precip/0.0.0").doesNotContain("precip/1.1.1");
      assertThat(io.refzarr.bridge.ZarrArray.open(fs.getPath("/precip")).read().toShortArray())
          .isEqualTo(
              io.refzarr.bridge.ZarrArray.open(orig.getPath("/precip")).read().toShortArray());
    }
  }

  @Test
  void s3Source_isOnTheCommandsClassPath() {
    assertThat(
            ServiceLoader.load(ByteRangeReaderProvider.class).stream()
                .flatMap(p -> p.get().schemes().stream()))
        .contains("s3");
  }
}
