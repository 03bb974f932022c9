package io.refzarr.scan.netcdf3;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Scans through other byte sources: a local HTTP server serving ranges, and a member of a tar
 * archive.
 */
class Netcdf3SourcesTest {

  @Test
  void scan_overHttp_sameReferencesAsTheLocalScanFromOneRead() throws IOException {
    ScanResult local = ScanResult.scan(Corpus.dir(), "nc3_classic.nc", ScanOptions.DEFAULT);
    try (RangeHttpServer server = RangeHttpServer.serve(Corpus.dir())) {
      Scan remote = scan(server.uri("nc3_classic.nc"), "nc3_classic.nc", ScanOptions.DEFAULT);

      assertThat(entries(remote.set)).isEqualTo(entries(local.set()));
      assertThat(server.gets()).isEqualTo(1); // the header read-ahead; the size comes from a HEAD
      assertThat(remote.report.requests()).isEqualTo(2);
    }
  }

  /**
   * kerchunk scanned the same member by chained URL before dereferencing it
   * (golden/archives/chained): refzarr reads the member through the tar byte source and writes the
   * same references.
   */
  @Test
  void scan_tarMemberByChainedUrl_sameReferencesAsKerchunksChainedScan() throws IOException {
    URI member = URI.create("tar://nc3_classic.nc::" + Corpus.file("archives/bundle.tar").toUri());
    Scan scan =
        scan(
            member,
            "tar://nc3_classic.nc::archives/bundle.tar",
            ScanOptions.DEFAULT.withInlineThreshold(0));
    ReferenceSet golden =
        ReferenceSets.readJson(Corpus.file("golden/archives/chained/bundle_tar__nc3_classic.json"));

    List<String> chunkKeys =
        golden.keys().filter(k -> !k.contains(".z")).collect(Collectors.toList());
    assertThat(chunkKeys).hasSize(34);
    for (String key : chunkKeys) {
      assertThat(scan.set.get(key)).as(key).isEqualTo(golden.get(key));
    }
    assertThat(scan.set.size()).isEqualTo(golden.size());
  }

  private record Scan(ReferenceSet set, ScanReport report) {}

  private static Scan scan(URI location, String url, ScanOptions options) throws IOException {
    ReferenceSetBuilder builder = ReferenceSets.builder();
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      ScanReport report =
          Scanners.netcdf3().scan(new ScanInput(url, location), sources, options, builder);
      return new Scan(builder.build(), report);
    }
  }

  private static Map<String, Object> entries(ReferenceSet set) throws IOException {
    java.util.TreeMap<String, Object> out = new java.util.TreeMap<>();
    for (String k : set.keys().collect(Collectors.toList())) {
      out.put(k, set.get(k).orElseThrow());
    }
    return out;
  }
}
