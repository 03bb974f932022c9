package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.UnsupportedFeatureException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Blosc and Zstandard datasets (plugins.h5: chunks compressed by numcodecs, the HDF5 library's
 * chunk table beside it): ranges as the library lists them and codec configs numcodecs reads; a
 * chunk that skipped a filter refzarr cannot re-apply makes the dataset unsupported before any of
 * its references is put.
 */
class PluginFilterTest {
  private static final ScanOptions SKIP =
      ScanOptions.DEFAULT.withInlineThreshold(0).withErrorPolicy(ErrorPolicy.SKIP);

  @Test
  void scan_bloscAndZstd_rangesOfTheChunkTableAndNumcodecsConfigs() throws Exception {
    Scans.Result r = Scans.file(ChunkIndexTest.fixture("plugins.h5"), "plugins.h5", SKIP);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, List<Long>>> table =
        (Map<String, Map<String, List<Long>>>)
            Json.parse(Files.readAllBytes(ChunkIndexTest.fixture("plugins.h5.chunks.json")));
    for (String name : List.of("zstd", "blosc")) {
      for (Map.Entry<String, List<Long>> chunk : table.get(name).entrySet()) {
        assertThat(r.refs().get(name + "/" + chunk.getKey()))
            .get()
            .isEqualTo(
                Reference.range("plugins.h5", chunk.getValue().get(0), chunk.getValue().get(1)));
      }
    }
    assertThat(filters(r.refs(), "zstd")).containsExactly(Map.of("id", "zstd", "level", 5L));
    assertThat(filters(r.refs(), "blosc"))
        .containsExactly(
            Map.of("id", "blosc", "cname", "lz4", "clevel", 5L, "shuffle", 1L, "blocksize", 0L));
  }

  @Test
  void scan_maskedChunkUnderZstdWithSkip_datasetReportedAndNoneOfItsKeysPut() throws Exception {
    Scans.Result r = Scans.file(ChunkIndexTest.fixture("plugins.h5"), "plugins.h5", SKIP);
    assertThat(r.report().skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.object()).isEqualTo("/zstd_masked"))
        .satisfies(s -> assertThat(s.reason()).contains("skipped some of their filters"));
    assertThat(r.refs().keys().filter(k -> k.startsWith("zstd_masked/"))).isEmpty();
  }

  @Test
  void scan_maskedChunkUnderZstdWithFail_failsNamingTheDataset() {
    assertThatThrownBy(
            () ->
                Scans.file(
                    ChunkIndexTest.fixture("plugins.h5"),
                    "plugins.h5",
                    ScanOptions.DEFAULT.withErrorPolicy(io.refzarr.scan.ErrorPolicy.FAIL)))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("plugins.h5: /zstd_masked");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> filters(ReferenceSet refs, String name) throws Exception {
    Map<String, Object> zarray =
        (Map<String, Object>)
            Json.parse(((Reference.Inline) refs.get(name + "/.zarray").orElseThrow()).data());
    return (List<Object>) zarray.get("filters");
  }
}
