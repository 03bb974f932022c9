package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code refzarr scan} on the corpus: format detection, options, output and errors. */
class ScanCommandTest {
  @TempDir Path dir;

  @Test
  void scan_netcdf3File_writesTheKeysAndRangesOfTheGoldenSet() throws Exception {
    Path out = dir.resolve("nc3_classic.json");
    CliTest.Result r =
        CliTest.run(
            "scan",
            CliTest.CORPUS.resolve("nc3_classic.nc").toString(),
            "-o",
            out.toString(),
            "--url",
            "nc3_classic.nc");

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.text()).contains("netcdf3").contains("references");
    ReferenceSet mine = ReferenceSets.readJson(out);
    ReferenceSet golden = ReferenceSets.readJson(CliTest.CORPUS.resolve("golden/nc3_classic.json"));
    assertThat(keys(mine)).isEqualTo(keys(golden));
    assertThat(mine.get("t2m/5.0.0"))
        .isEqualTo(golden.get("t2m/5.0.0"))
        .get()
        .isInstanceOf(Reference.Range.class);
  }

  @Test
  void scan_inlineThresholdZero_everyChunkIsARangeOfTheNamedUrl() throws Exception {
    Path out = dir.resolve("x.json");
    CliTest.Result r =
        CliTest.run(
            "scan",
            CliTest.CORPUS.resolve("nc3_64bit.nc").toString(),
            "-o",
            out.toString(),
            "--inline-threshold",
            "0",
            "--url",
            "s3://bucket/nc3_64bit.nc");

    assertThat(r.status()).as(r.err()).isZero();
    ReferenceSet set = ReferenceSets.readJson(out);
    Reference.Range lat = (Reference.Range) set.get("lat/0").orElseThrow();
    assertThat(lat.target()).isEqualTo("s3://bucket/nc3_64bit.nc");
    byte[] file = Files.readAllBytes(CliTest.CORPUS.resolve("nc3_64bit.nc"));
    java.nio.ByteBuffer values =
        java.nio.ByteBuffer.wrap(file, (int) lat.offset(), (int) lat.length());
    assertThat(new float[] {values.getFloat(), values.getFloat(), values.getFloat()})
        .containsExactly(-10f, 0f, 10f); // lat's values (make_corpus.py)
  }

  @Test
  void scan_tarMemberWithRelativeContainer_sameRangesAsKerchunksChainedScan() throws Exception {
    Path out = dir.resolve("member.json");
    String container =
        Path.of("")
            .toAbsolutePath()
            .relativize(CliTest.CORPUS.resolve("archives/bundle.tar").toAbsolutePath())
            .toString();
    CliTest.Result r =
        CliTest.run(
            "scan",
            "tar://nc3_classic.nc::" + container,
            "-o",
            out.toString(),
            "--inline-threshold",
            "0",
            "--url",
            "tar://nc3_classic.nc::archives/bundle.tar",
            "--keep-chained");

    assertThat(r.status()).as(r.err()).isZero();
    ReferenceSet golden =
        ReferenceSets.readJson(
            CliTest.CORPUS.resolve("golden/archives/chained/bundle_tar__nc3_classic.json"));
    assertThat(ReferenceSets.readJson(out).get("code/5.0"))
        .isEqualTo(golden.get("code/5.0"))
        .get()
        .isInstanceOf(Reference.Range.class);
  }

  @Test
  void scan_unknownFormat_failsNamingTheFirstBytes() {
    CliTest.Result r =
        CliTest.run(
            "scan",
            CliTest.CORPUS.resolve("README.md").toString(),
            "-o",
            dir.resolve("x.json").toString());

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("not a format refzarr scans").contains("README.md");
    assertThat(dir.resolve("x.json")).doesNotExist();
  }

  @Test
  void scan_truncatedFile_failsAndWritesNothing() throws Exception {
    Path cut = dir.resolve("cut.nc");
    Files.write(
        cut,
        java.util.Arrays.copyOf(Files.readAllBytes(CliTest.CORPUS.resolve("nc3_classic.nc")), 100));
    CliTest.Result r = CliTest.run("scan", cut.toString(), "-o", dir.resolve("x.json").toString());

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("cut.nc (at byte ").contains("remaining bytes");
    assertThat(dir.resolve("x.json")).doesNotExist();
  }

  @Test
  void scan_badErrorPolicy_usageError() {
    CliTest.Result r =
        CliTest.run(
            "scan",
            CliTest.CORPUS.resolve("nc3_classic.nc").toString(),
            "-o",
            dir.resolve("x.json").toString(),
            "--error-policy",
            "warn");

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--error-policy").contains("FAIL, SKIP").contains("'warn'");
  }

  private static TreeSet<String> keys(ReferenceSet set) throws java.io.IOException {
    return set.keys().collect(Collectors.toCollection(TreeSet::new));
  }
}
