package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interoperability oracle: fsspec (pandas + pyarrow) reads refzarr's Parquet output and every
 * array decodes to the manifest's values ({@code check_refs.py}, see {@link
 * Corpus#checkRefsTool()}). Skipped when the tool is not there or Python lacks fsspec, numcodecs or
 * pyarrow. Small records and pages, so files hold several pages and sets several records.
 */
class FsspecOracleTest {
  private static final List<String> SETS =
      List.of("series_combined", "hdf5_chunkgrid", "nc4_cf", "hdf5_dtypes");

  @TempDir Path tmp;

  @Test
  void checkRefs_refzarrParquetOutput_fsspecDecodesManifestValues() throws Exception {
    Optional<Path> tool = Corpus.checkRefsTool();
    assumeTrue(tool.isPresent(), "check_refs.py is not available (set -Drefzarr.checkRefs=FILE)");
    assumeTrue(
        run(List.of("python3", "-c", "import fsspec, numcodecs, pyarrow, pandas"), Corpus.dir())
            .startsWith("0"),
        "python3 with fsspec, numcodecs, pandas and pyarrow is not available");
    for (String set : SETS) {
      LazyReferenceSets.write(
          ReferenceSets.readJson(Corpus.file("golden/" + set + ".json")),
          tmp.resolve(set + ".parq"),
          WriteOptions.DEFAULT.withRecordSize(40).withPageRows(8));
    }
    String out =
        run(
            List.of(
                "python3",
                tool.get().toString(),
                "--corpus",
                Corpus.dir().toString(),
                "--refs-dir",
                tmp.toString(),
                "--only",
                String.join(",", SETS)),
            Corpus.dir());
    assertThat(out).startsWith("0\n").contains(" 0 failed").doesNotContain("FAIL ");
    // check_refs.py reads each Parquet set once per installed pandas engine, fastparquet (fsspec's
    // default whenever it is installed) and pyarrow, and labels the results with the engine
    assertThat(out).containsAnyOf("PASS hdf5_chunkgrid[pyarrow]:grid", "PASS hdf5_chunkgrid:grid");
    boolean fastparquet =
        run(List.of("python3", "-c", "import fastparquet"), Corpus.dir()).startsWith("0");
    if (fastparquet) {
      assertThat(out)
          .contains(
              "PASS hdf5_chunkgrid[fastparquet]:grid", "PASS series_combined[fastparquet]:tas");
    }
  }

  /** Exit status, a newline, then the output (stdout and stderr). */
  private static String run(List<String> command, Path dir)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timeout\n";
    }
    return p.exitValue() + "\n" + new String(output, StandardCharsets.UTF_8);
  }
}
