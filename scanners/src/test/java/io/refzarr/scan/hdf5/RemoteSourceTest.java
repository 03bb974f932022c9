package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scanning over HTTP (a real local server answering Range requests) gives the same references as
 * the local scan, through the read-ahead block cache: few requests, each counted in the report.
 */
class RemoteSourceTest {
  private static final ScanOptions OPTIONS = ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP);

  @ParameterizedTest
  @ValueSource(strings = {"hdf5_chunkgrid.h5", "nc4_cf.nc", "hdf5_filters.h5"})
  void scan_overHttp_sameReferencesAsLocalInFewRequests(String file) throws Exception {
    ReferenceSet local = Scans.corpus(file, OPTIONS).refs();
    try (RangeHttpServer server = RangeHttpServer.serve(Corpus.dir());
        ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      ReferenceSetBuilder builder = ReferenceSets.builder();
      ScanReport report =
          Scanners.hdf5().scan(new ScanInput(file, server.uri(file)), sources, OPTIONS, builder);
      ReferenceSet remote = builder.build();

      assertThat(entries(remote)).isEqualTo(entries(local));
      long size = java.nio.file.Files.size(Corpus.file(file));
      assertThat(report.requests()).isEqualTo(server.gets()).isLessThanOrEqualTo(2);
      assertThat(report.bytesRead()).isLessThanOrEqualTo(size);
    }
  }

  /**
   * The remote target on the 102,400-chunk benchmark file (44 MB; run only where {@code
   * bench-data/many_chunks.h5} has been made): fewer than 200 requests with 20 ms per request.
   */
  @org.junit.jupiter.api.Test
  void scan_benchmarkFileOverHttpWithLatency_fewerThan200Requests() throws Exception {
    java.nio.file.Path benchData =
        java.nio.file.Path.of(System.getProperty("refzarr.benchData", "../bench-data"))
            .toAbsolutePath()
            .normalize();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.exists(benchData.resolve("many_chunks.h5")),
        "bench-data/many_chunks.h5 not made");
    try (RangeHttpServer server = RangeHttpServer.serve(benchData);
        ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      server.latency(java.time.Duration.ofMillis(20));
      ReferenceSetBuilder builder = ReferenceSets.builder();
      ScanReport report =
          Scanners.hdf5()
              .scan(
                  new ScanInput("many_chunks.h5", server.uri("many_chunks.h5")),
                  sources,
                  ScanOptions.DEFAULT.withInlineThreshold(0),
                  builder);
      assertThat(
              builder
                  .build()
                  .keys()
                  .filter(k -> k.startsWith("data/") && !k.contains(".z"))
                  .count())
          .isEqualTo(102_400);
      assertThat(report.requests()).isEqualTo(server.gets()).isLessThan(200);
    }
  }

  /** Every key with its reference (inline references compare by their bytes). */
  private static Map<String, Reference> entries(ReferenceSet set) throws java.io.IOException {
    Map<String, Reference> out = new TreeMap<>();
    for (String k : set.keys().collect(Collectors.toList())) {
      out.put(k, set.get(k).orElseThrow());
    }
    return out;
  }
}
