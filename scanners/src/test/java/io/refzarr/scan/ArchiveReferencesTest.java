package io.refzarr.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scans of archive members, dereferenced, equal kerchunk's dereferenced golden sets. */
class ArchiveReferencesTest {

  private static ReferenceSet scanMember(String archive, String member) throws IOException {
    String url =
        archive.substring(archive.lastIndexOf('.') + 1) + "://" + member + "::archives/" + archive;
    URI location =
        URI.create(
            url.substring(0, url.indexOf("::") + 2) + Corpus.file("archives/" + archive).toUri());
    ScanInput input = new ScanInput(url, location);
    ScanOptions options = ScanOptions.DEFAULT;
    if (member.startsWith("nc3")) {
      options =
          options.withInlineThreshold(0); // as the golden archive sets of nc3_classic were made
    }
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      ReferenceSetBuilder b = ReferenceSets.builder();
      Scanner scanner =
          Scanners.forHead(sources.forTarget(location).read(location, 0, 8).array()).orElseThrow();
      scanner.scan(input, sources, options, ArchiveReferences.dereferencing(b, input, sources));
      return b.build();
    }
  }

  @Test
  void dereferencing_tarAndZipMembers_equalsKerchunksDereferencedRanges() throws IOException {
    for (String archive : new String[] {"bundle.tar", "bundle.zip"}) {
      for (String member : new String[] {"day_001.nc", "day_002.nc", "nc3_classic.nc"}) {
        ReferenceSet ours = scanMember(archive, member);
        ReferenceSet golden =
            ReferenceSets.readJson(
                Corpus.file(
                    "golden/archives/bundle_"
                        + archive.substring(archive.indexOf('.') + 1)
                        + "/"
                        + member.replace(".nc", ".json")));
        int ranges = 0;
        for (Iterator<String> it = golden.keys().iterator(); it.hasNext(); ) {
          String key = it.next();
          Reference g = golden.get(key).orElseThrow();
          if (g instanceof Reference.Range) {
            ranges++;
            assertThat(ours.get(key)).as(archive + " " + member + " " + key).contains(g);
          }
        }
        assertThat(ranges).as(archive + " " + member).isPositive();
      }
    }
  }

  @Test
  void dereferencing_plainFile_passesReferencesThrough() throws IOException {
    ReferenceSetBuilder b = ReferenceSets.builder();
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      ScanInput input = new ScanInput("nc3_classic.nc", Corpus.file("nc3_classic.nc").toUri());
      assertThat(ArchiveReferences.dereferencing(b, input, sources)).isSameAs(b);
    }
  }
}
