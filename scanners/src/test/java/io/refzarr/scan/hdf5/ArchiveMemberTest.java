package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ArchiveReferences;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.testing.Corpus;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scanning a netCDF4 member of a tar or zip archive directly by chained URL (which recent fsspec
 * cannot do in one step): the references equal kerchunk's chained-URL scan of the same member
 * ({@code golden/archives/chained}), keys, ranges, inline bytes and metadata; dereferenced into
 * ranges of the archive they equal kerchunk's dereferenced sets ({@code
 * golden/archives/bundle_tar}, {@code bundle_zip}).
 */
class ArchiveMemberTest {

  @ParameterizedTest
  @CsvSource({
    "tar,bundle.tar,day_001",
    "tar,bundle.tar,day_002",
    "zip,bundle.zip,day_001",
    "zip,bundle.zip,day_002"
  })
  void scan_archiveMemberByChainedUrl_equalsKerchunksChainedScan(
      String scheme, String archive, String day) throws Exception {
    ReferenceSet mine = scanMember(scheme, archive, day, false);
    assertSame(
        mine,
        ReferenceSets.readJson(
            Corpus.file("golden/archives/chained/bundle_" + scheme + "__" + day + ".json")));
  }

  /**
   * Dereferenced into byte ranges of the archive itself, as kerchunk's {@code
   * dereference_archives}.
   */
  @ParameterizedTest
  @CsvSource({
    "tar,bundle.tar,day_001",
    "tar,bundle.tar,day_002",
    "zip,bundle.zip,day_001",
    "zip,bundle.zip,day_002"
  })
  void scan_archiveMemberDereferenced_equalsKerchunksDereferencedSet(
      String scheme, String archive, String day) throws Exception {
    ReferenceSet mine = scanMember(scheme, archive, day, true);
    assertSame(
        mine,
        ReferenceSets.readJson(
            Corpus.file("golden/archives/bundle_" + scheme + "/" + day + ".json")));
  }

  static ReferenceSet scanMember(String scheme, String archive, String day, boolean dereference)
      throws Exception {
    URI location =
        URI.create(scheme + "://" + day + ".nc::" + Corpus.file("archives/" + archive).toUri());
    ScanInput input = new ScanInput(scheme + "://" + day + ".nc::archives/" + archive, location);
    ReferenceSetBuilder builder = ReferenceSets.builder();
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      ScanReport report =
          Scanners.hdf5()
              .scan(
                  input,
                  sources,
                  ScanOptions.DEFAULT,
                  dereference ? ArchiveReferences.dereferencing(builder, input, sources) : builder);
      assertThat(report.requests()).isPositive();
    }
    return builder.build();
  }

  private static void assertSame(ReferenceSet mine, ReferenceSet golden) throws Exception {
    Set<String> keys = new TreeSet<>(golden.keys().collect(Collectors.toSet()));
    assertThat(new TreeSet<>(mine.keys().collect(Collectors.toSet()))).isEqualTo(keys);
    for (String key : keys) {
      Reference g = golden.get(key).orElseThrow();
      Reference m = mine.get(key).orElseThrow();
      if (key.contains(".z")) {
        assertThat(Json.parse(((Reference.Inline) m).data()))
            .as(key)
            .isEqualTo(Json.parse(((Reference.Inline) g).data()));
      } else {
        assertThat(m).as(key).isEqualTo(g);
      }
    }
  }
}
