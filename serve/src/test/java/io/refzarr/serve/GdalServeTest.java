package io.refzarr.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.nio.ReferenceView;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.ExternalTools;
import io.refzarr.testing.GdalZarr;
import io.refzarr.testing.Manifest;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GDAL's Zarr driver reads the daily series over {@code /vsicurl/} from {@code serve}: every array
 * it decodes has the manifest's values. GDAL 3.6 knows no {@code shuffle} filter, so it refuses the
 * kerchunk-style {@code tas} and {@code pr} (shuffle + zlib in {@code filters}); the test requires
 * that refusal to be GDAL's own, not a failed request. Skipped where {@code gdal_translate} is
 * missing.
 */
@Timeout(300)
class GdalServeTest {

  @ParameterizedTest
  @ValueSource(strings = {"series/day_001", "series_combined"})
  void dailySeries_readByGdalOverVsicurl_matchesManifest(String set, @TempDir Path work)
      throws Exception {
    assumeTrue(GdalZarr.available(), "gdal_translate is missing (apt-get install gdal-bin)");
    List<String> log = new CopyOnWriteArrayList<>();
    try (FileSystem fs =
            ReferenceFileSystems.newFileSystem(
                Corpus.file("golden/" + set + ".json"), ZarrHttpServerTest.corpusRoot());
        ZarrHttpServer server =
            ZarrHttpServer.start(fs.getPath("/"), ZarrHttpServer.loopback(0), log::add)) {
      String store = "/vsicurl/" + server.uri();
      List<String> read = new ArrayList<>();
      for (Manifest.Array a : Manifest.arrays(set).values()) {
        GdalZarr.Read r = GdalZarr.read(store, a.name(), work);
        if (r.sha256().isPresent()) {
          assertThat(r.sha256()).as(a.name()).hasValue(a.sha256());
          read.add(a.name());
        } else {
          assertThat(r.output()).as(a.name()).contains("Filter shuffle not handled");
        }
      }
      ExternalTools.Result info = ExternalTools.run(60, "gdalinfo", "ZARR:\"" + store + "\"");

      assertThat(read).containsExactly("lat", "lon", "time");
      assertThat(info.output()).contains("ZARR:\"" + store + "\":/time");
      assertThat(log).isEmpty();
    }
  }

  /**
   * Through the decoded view ({@code view=decoded}: no compressor or filters, chunks decoded) GDAL
   * reads every array of the daily series, {@code tas} and {@code pr} included, with the manifest's
   * values.
   */
  @ParameterizedTest
  @ValueSource(strings = {"series/day_001", "series_combined"})
  void dailySeries_decodedView_gdalReadsEveryArray(String set, @TempDir Path work)
      throws Exception {
    assumeTrue(GdalZarr.available(), "gdal_translate is missing (apt-get install gdal-bin)");
    List<String> log = new CopyOnWriteArrayList<>();
    ReferenceFileSystemConfig decoded =
        ZarrHttpServerTest.corpusRoot().toBuilder().view(ReferenceView.DECODED).build();
    try (FileSystem fs =
            ReferenceFileSystems.newFileSystem(Corpus.file("golden/" + set + ".json"), decoded);
        ZarrHttpServer server =
            ZarrHttpServer.start(fs.getPath("/"), ZarrHttpServer.loopback(0), log::add)) {
      String store = "/vsicurl/" + server.uri();
      List<String> read = new ArrayList<>();
      for (Manifest.Array a : Manifest.arrays(set).values()) {
        GdalZarr.Read r =
            a.shape().size() == 3
                ? GdalZarr.readSlices(
                    store, a.name(), ((Number) a.shape().get(0)).longValue(), work)
                : GdalZarr.read(store, a.name(), work);
        assertThat(r.sha256()).as(a.name() + ": " + r.output()).hasValue(a.sha256());
        read.add(a.name());
      }
      assertThat(read).containsExactlyInAnyOrder("lat", "lon", "time", "tas", "pr");
      assertThat(log).isEmpty();
    }
  }
}
