package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.testing.Corpus;
import io.refzarr.zarr.ChunkGrid;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HDF5 scanner puts a chunked dataset's chunks before its {@code .zarray} (the fill value
 * depends on them), so it gives their grid first ({@link ReferenceSink#expectChunks}): a Parquet
 * writer then stores them as they come instead of holding a million keys. Every array with more
 * than one chunk put before its metadata must have had its grid given, and its {@code .zarray} must
 * have that grid.
 */
class ExpectChunksTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "hdf5_chunkgrid.h5",
        "hdf5_filters.h5",
        "hdf5_layouts.h5",
        "hdf5_dtypes.h5",
        "hdf5_dimscales.h5",
        "nc4_cf.nc",
        "nc4_groups.nc"
      })
  void scan_chunksBeforeTheirZarray_haveTheirGridGivenFirst(String file) throws IOException {
    Recorder sink = new Recorder();
    Path path = Corpus.file(file);
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      Scanners.hdf5()
          .scan(
              new ScanInput(file, path.toUri()),
              sources,
              ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP).withInlineThreshold(0),
              sink);
    }
    assertThat(sink.unannounced).as("chunks put before their grid and .zarray").isEmpty();
    assertThat(sink.described)
        .as("every grid given is then described")
        .containsAll(sink.expected.keySet());
  }

  @Test
  void scan_manyChunks_givesTheGridOfTheChunkedArray() throws IOException {
    Recorder sink = new Recorder();
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      Scanners.hdf5()
          .scan(
              new ScanInput("c", Corpus.file("hdf5_chunkgrid.h5").toUri()),
              sources,
              ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP).withInlineThreshold(0),
              sink);
    }
    assertThat(sink.expected).isNotEmpty();
    assertThat(sink.chunksAfterGrid).isGreaterThanOrEqualTo(1000);
  }

  private static final class Recorder implements ReferenceSink {
    final Map<String, ChunkGrid> expected = new HashMap<>();
    final Set<String> described = new HashSet<>();
    final Set<String> unannounced = new HashSet<>();
    long chunksAfterGrid;

    @Override
    public void expectChunks(String array, ChunkGrid grid) {
      assertThat(described)
          .as(array + " described before its grid was given")
          .doesNotContain(array);
      expected.put(array, grid);
    }

    @Override
    public void putChunk(String array, long[] index, Reference ref) {
      if (described.contains(array)) {
        return;
      }
      if (!expected.containsKey(array)) {
        unannounced.add(array);
        return;
      }
      assertThat(expected.get(array).flatIndex(index)).as(array).isNotNegative();
      chunksAfterGrid++;
    }

    @Override
    public void put(String key, Reference ref) throws IOException {
      if (!ZarrKeys.name(key).equals(ZarrKeys.ZARRAY)) {
        return;
      }
      String array = ZarrKeys.parent(key);
      described.add(array);
      ChunkGrid grid = expected.get(array);
      if (grid != null) {
        ChunkGrid given = ZarrArrayMetadata.parse(((Reference.Inline) ref).data()).grid();
        assertThat(given.toString()).as(key).isEqualTo(grid.toString());
      }
    }

    @Override
    public void close() {}
  }
}
