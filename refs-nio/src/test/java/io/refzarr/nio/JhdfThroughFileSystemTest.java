package io.refzarr.nio;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * jhdf opens an HDF5 file that the file system exposes as a whole-file reference (and as a range
 * with a user-block-like offset), exercising its FileChannel path and positional reads.
 */
class JhdfThroughFileSystemTest {

  @Test
  void hdfFile_openedThroughWholeFileReference_readsTheSameValues() throws IOException {
    Path original = Corpus.file("hdf5_dimscales.h5");
    try (FileSystem fs =
            ReferenceFileSystems.newFileSystem(
                ReferenceSets.of(
                    Map.of("files/dimscales.h5", Reference.whole(original.toString()))),
                ReferenceFileSystemConfig.DEFAULT);
        HdfFile viaRefs = new HdfFile(fs.getPath("/files/dimscales.h5"));
        HdfFile direct = new HdfFile(original)) {
      for (String name : new String[] {"x", "y", "data", "noscale"}) {
        Dataset a = viaRefs.getDatasetByPath(name);
        Dataset b = direct.getDatasetByPath(name);
        assertThat(a.getDimensions()).isEqualTo(b.getDimensions());
        assertThat(a.getData()).as(name).isEqualTo(b.getData());
      }
    }
  }

  @Test
  void hdfFile_openedThroughRangeReference_readsTheFile() throws IOException {
    Path original = Corpus.file("archives/bundle.tar");
    // day_001.nc is the first member of the tar: its data starts after one 512-byte header
    long offset = 512;
    long size = java.nio.file.Files.size(Corpus.file("series/day_001.nc"));
    try (FileSystem fs =
            ReferenceFileSystems.newFileSystem(
                ReferenceSets.of(
                    Map.of("day_001.nc", Reference.range(original.toString(), offset, size))),
                ReferenceFileSystemConfig.DEFAULT);
        HdfFile viaRefs = new HdfFile(fs.getPath("/day_001.nc"));
        HdfFile direct = new HdfFile(Corpus.file("series/day_001.nc"))) {
      assertThat(viaRefs.getDatasetByPath("tas").getData())
          .isEqualTo(direct.getDatasetByPath("tas").getData());
    }
  }
}
