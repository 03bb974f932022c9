package io.refzarr.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * zarr-python, through fsspec's HTTP file system, reads every array of every golden set of the
 * corpus (and the Parquet set) from {@code serve}, with values equal to the manifest's checksums.
 * Skipped where no Python has zarr, fsspec and aiohttp.
 */
@Timeout(600)
class ZarrPythonServeTest {
  private static Optional<String> python;

  @BeforeAll
  static void findPython() {
    python = ExternalTools.python("zarr", "fsspec", "aiohttp", "numcodecs");
  }

  @TestFactory
  Stream<DynamicTest> everyGoldenSet_readByZarrPythonOverHttp_matchesManifest() throws IOException {
    List<Path> sets = new ArrayList<>(Corpus.goldenJsonSets());
    sets.add(Corpus.file("golden/series_combined.parq"));
    return sets.stream()
        .map(set -> DynamicTest.dynamicTest(Corpus.manifestName(set), () -> check(set)));
  }

  private static void check(Path set) throws Exception {
    assumeTrue(
        python.isPresent(),
        "no python3 with zarr, fsspec, aiohttp and numcodecs (apt-get install python3-zarr"
            + " python3-fsspec python3-aiohttp, or set REFZARR_PYTHON)");
    Path checkRefs = Corpus.checkRefsTool().orElse(null);
    assumeTrue(
        checkRefs != null,
        "check_refs.py (the manifest's value hashing) is missing: set -Drefzarr.checkRefs");
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(set, ZarrHttpServerTest.corpusRoot());
        ZarrHttpServer server =
            ZarrHttpServer.start(fs.getPath("/"), ZarrHttpServer.loopback(0), log::add)) {
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
              server.uri().toString());

      assertThat(r.ok()).as(r.output()).isTrue();
      assertThat(r.output()).contains(" 0 failed");
      assertThat(log).isEmpty();
    }
  }
}
