package io.refzarr.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.testing.MemorySource;
import java.io.IOException;
import java.util.Iterator;

/**
 * Fuzz targets for the HDF5 and netCDF3 scanners (README "Fuzzing"): any bytes as a file either
 * fail with an {@link IOException} (such as {@link MalformedFileException} or {@link
 * UnsupportedFeatureException}) or scan to references whose every range lies inside the file.
 * Seeds: the corpus's files of each format ({@code ScannerFuzzTestInputs}).
 */
class ScannerFuzzTest {
  private static final ScanOptions SKIP = ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP);

  @FuzzTest(maxDuration = "10m")
  void hdf5(byte[] file) throws IOException {
    scan(Scanners.hdf5(), file);
  }

  @FuzzTest(maxDuration = "10m")
  void netcdf3(byte[] file) throws IOException {
    scan(Scanners.netcdf3(), file);
  }

  private static void scan(Scanner scanner, byte[] file) throws IOException {
    ReferenceSetBuilder out = ReferenceSets.builder();
    try (ByteRangeReaders sources = MemorySource.registry(file)) {
      scanner.scan(new ScanInput("f", MemorySource.URL), sources, SKIP, out);
    } catch (IOException e) {
      return; // the documented failure of a bad file
    }
    assertRangesInside(out.build(), file.length);
  }

  /** The independent check: a reference into the file names bytes the file has. */
  private static void assertRangesInside(ReferenceSet set, long size) throws IOException {
    Iterator<String> keys = set.keys().iterator();
    while (keys.hasNext()) {
      String key = keys.next();
      Reference ref = set.get(key).orElseThrow();
      if (ref instanceof Reference.Range r) {
        assertThat(r.target()).as(key).isEqualTo("f");
        assertThat(r.offset()).as(key).isNotNegative();
        assertThat(r.offset() + r.length()).as(key).isLessThanOrEqualTo(size);
      }
    }
  }
}
