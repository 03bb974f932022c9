package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanOptions;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A local scan with inline threshold 0 reads the metadata, not the data: the read-ahead blocks of
 * local files are page-sized, so the chunk index nodes that HDF5 writes between the chunks do not
 * drag the chunks in with them (with 64 KiB blocks this 1,000-chunk file was read whole).
 */
class LocalReadsTest {
  @Test
  void scan_localFileInlineThresholdZero_readsAFractionOfTheFile() throws IOException {
    ScanOptions options =
        ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP).withInlineThreshold(0);

    Scans.Result r = Scans.corpus("hdf5_chunkgrid.h5", options);

    long size = Files.size(Corpus.file("hdf5_chunkgrid.h5"));
    assertThat(r.refs().size()).isGreaterThan(1000);
    assertThat(r.report().bytesRead()).isLessThan(size / 4);
  }
}
