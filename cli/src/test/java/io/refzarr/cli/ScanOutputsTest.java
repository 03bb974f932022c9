package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.ReadOptions;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refzarr scan} straight to Parquet, and of archive members (dereferenced into the archive).
 */
class ScanOutputsTest {

  @Test
  void scan_toParquet_sameReferencesAsJson(@TempDir Path dir) throws Exception {
    String file = CliTest.CORPUS.resolve("nc4_cf.nc").toString();
    Path json = dir.resolve("a.json");
    Path parq = dir.resolve("a.parq");
    assertThat(CliTest.run("scan", file, "-o", json.toString()).status()).isZero();
    CliTest.Result r = CliTest.run("scan", file, "-o", parq.toString(), "--record-size", "3");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(parq.resolve(".zmetadata")).exists();
    assertThat(parq.resolve("temp/refs.3.parq")).exists(); // 10 chunks in records of 3
    Path plainFile = java.nio.file.Files.writeString(dir.resolve("plain"), "x");
    Path plainDir = java.nio.file.Files.createDirectory(dir.resolve("plain.d"));
    assertThat(java.nio.file.Files.getPosixFilePermissions(json))
        .isEqualTo(java.nio.file.Files.getPosixFilePermissions(plainFile));
    assertThat(java.nio.file.Files.getPosixFilePermissions(parq))
        .isEqualTo(java.nio.file.Files.getPosixFilePermissions(plainDir));
    ReferenceSet fromJson = ReferenceSets.readJson(json);
    try (ReferenceSet fromParquet = ReferenceSets.open(parq, ReadOptions.DEFAULT)) {
      for (Iterator<String> it = fromJson.keys().iterator(); it.hasNext(); ) {
        String key = it.next();
        Reference ref = fromJson.get(key).orElseThrow();
        if (!(ref instanceof Reference.Inline)) {
          assertThat(fromParquet.get(key)).as(key).contains(ref);
        } else {
          assertThat(fromParquet.get(key)).as(key).isPresent();
        }
      }
    }
  }

  @Test
  void scan_archiveMember_referencesPointIntoTheArchive(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("m.json");
    String member = "zip://day_002.nc::" + CliTest.CORPUS.resolve("archives/bundle.zip");
    CliTest.Result r = CliTest.run("scan", member, "-o", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    ReferenceSet ours = ReferenceSets.readJson(out);
    ReferenceSet golden =
        ReferenceSets.readJson(CliTest.CORPUS.resolve("golden/archives/bundle_zip/day_002.json"));
    Reference.Range g = (Reference.Range) golden.get("tas/0.0.0").orElseThrow();
    Reference.Range o = (Reference.Range) ours.get("tas/0.0.0").orElseThrow();
    assertThat(o.offset()).isEqualTo(g.offset());
    assertThat(o.length()).isEqualTo(g.length());
    assertThat(o.target()).isEqualTo(CliTest.CORPUS.resolve("archives/bundle.zip").toString());

    Path chained = dir.resolve("c.json");
    assertThat(CliTest.run("scan", member, "--keep-chained", "-o", chained.toString()).status())
        .isZero();
    assertThat(
            ((Reference.Range) ReferenceSets.readJson(chained).get("tas/0.0.0").orElseThrow())
                .target())
        .isEqualTo(member);
  }

  @Test
  void scan_failedScanToParquet_leavesNoOutput(@TempDir Path dir) throws Exception {
    Path notData = dir.resolve("x.nc");
    Files.writeString(notData, "CDF\u0001 this is not really netCDF");
    Path parq = dir.resolve("x.parq");
    CliTest.Result r = CliTest.run("scan", notData.toString(), "-o", parq.toString());
    assertThat(r.status()).isNotZero();
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(parq).doesNotExist();
  }
}
