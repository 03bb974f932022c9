package io.refzarr.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.ExternalTools;
import io.refzarr.testing.GdalZarr;
import io.refzarr.testing.Manifest;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Readers outside the JVM on a mounted set: zarr-python reads every array of every golden set (and
 * the Parquet set) with the manifest's values; GDAL's Zarr driver reads the daily series (GDAL 3.6
 * refuses the shuffle-filtered arrays itself, as over HTTP). Skipped where FUSE, Python with zarr,
 * or GDAL is missing.
 */
@Timeout(600)
class ReadersThroughMountTest {
  private static Optional<String> python;
  @TempDir Path work;

  @BeforeAll
  static void findPython() {
    python = ExternalTools.python("zarr", "numcodecs");
  }

  @TestFactory
  Stream<DynamicTest> everyGoldenSet_readByZarrPythonFromTheMount_matchesManifest()
      throws Exception {
    List<Path> sets = new ArrayList<>(Corpus.goldenJsonSets());
    sets.add(Corpus.file("golden/series_combined.parq"));
    return sets.stream()
        .map(set -> DynamicTest.dynamicTest(Corpus.manifestName(set), () -> readWithZarr(set)));
  }

  private void readWithZarr(Path set) throws Exception {
    FuseAvailable.assume();
    assumeTrue(
        python.isPresent(),
        "no python3 with zarr and numcodecs"
            + " (apt-get install python3-zarr, or set REFZARR_PYTHON)");
    Path checkRefs = Corpus.checkRefsTool().orElse(null);
    assumeTrue(
        checkRefs != null,
        "check_refs.py (the manifest's value hashing) is missing: set -Drefzarr.checkRefs");
    List<String> log = new CopyOnWriteArrayList<>();
    Path mp = Files.createDirectories(work.resolve("mnt"));
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(set, FuseMountTest.corpusRoot());
        FuseMount mount = FuseMount.mount(fs.getPath("/"), mp, log::add)) {
      ExternalTools.Result r =
          ExternalTools.run(
              300,
              python.get(),
              ExternalTools.script("zarr_read_check.py").toString(),
              "--corpus",
              Corpus.dir().toString(),
              "--check-refs",
              checkRefs.toString(),
              "--set",
              Corpus.manifestName(set),
              "--no-consolidated",
              mount.mountPoint().toString());

      assertThat(r.ok()).as(r.output()).isTrue();
      assertThat(r.output()).contains(" 0 failed");
    }
    assertThat(log).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"series/day_001", "series_combined"})
  void dailySeries_readByGdalFromTheMount_matchesManifest(String set) throws Exception {
    FuseAvailable.assume();
    assumeTrue(GdalZarr.available(), "gdal_translate is missing (apt-get install gdal-bin)");
    List<String> log = new CopyOnWriteArrayList<>();
    Path mp = Files.createDirectories(work.resolve("mnt"));
    try (FileSystem fs =
            ReferenceFileSystems.newFileSystem(
                Corpus.file("golden/" + set + ".json"), FuseMountTest.corpusRoot());
        FuseMount mount = FuseMount.mount(fs.getPath("/"), mp, log::add)) {
      List<String> read = new ArrayList<>();
      for (Manifest.Array a : Manifest.arrays(set).values()) {
        GdalZarr.Read r = GdalZarr.read(mount.mountPoint().toString(), a.name(), work);
        if (r.sha256().isPresent()) {
          assertThat(r.sha256()).as(a.name()).hasValue(a.sha256());
          read.add(a.name());
        } else {
          assertThat(r.output()).as(a.name()).contains("Filter shuffle not handled");
        }
      }
      assertThat(read).containsExactly("lat", "lon", "time");
    }
    assertThat(log).isEmpty();
  }
}
