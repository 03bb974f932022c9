package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.ReferenceSets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Writes refzarr's reference sets of every HDF5/netCDF4 corpus file to the directory named by the
 * system property {@code refzarr.h5.oracleOut} (skipped when unset), laid out as check_refs.py's
 * {@code --refs-dir} expects (archive members dereferenced into ranges of the archives), so the
 * Python oracle can be run on them.
 */
class OracleOutputTest {

  @Test
  void scan_everyCorpusFile_writesSetsForTheOracle() throws Exception {
    String dir = System.getProperty("refzarr.h5.oracleOut");
    org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, "refzarr.h5.oracleOut not set");
    Path out = Path.of(dir);
    for (String f : CorpusFiles.ALL) {
      Path json = out.resolve(f.replaceAll("\\.(h5|nc)$", ".json"));
      Files.createDirectories(json.getParent());
      ReferenceSets.writeJson(Scans.corpus(f).refs(), json);
      assertThat(json).isNotEmptyFile();
    }
    for (String scheme : new String[] {"tar", "zip"}) {
      for (String day : new String[] {"day_001", "day_002"}) {
        Path json = out.resolve("archives/bundle_" + scheme + "/" + day + ".json");
        Files.createDirectories(json.getParent());
        ReferenceSets.writeJson(
            ArchiveMemberTest.scanMember(scheme, "bundle." + scheme, day, true), json);
        assertThat(json).isNotEmptyFile();
      }
    }
  }
}
