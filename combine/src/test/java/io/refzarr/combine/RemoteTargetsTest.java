package io.refzarr.combine;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
import io.refzarr.testing.Retarget;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs whose targets are remote (a loopback HTTP server): coordinates and inlined chunks read
 * over HTTP.
 */
class RemoteTargetsTest {

  @Test
  void combine_targetsOnHttpServer_readsCoordinatesAndInlinesOverHttp() throws IOException {
    try (RangeHttpServer server = RangeHttpServer.serve(Corpus.dir())) {
      CombineSpec spec =
          GoldenSeriesCombineTest.seriesSpec()
              .preprocess(set -> Retarget.of(set, t -> server.base() + t))
              .inlineThreshold(600)
              .build();

      ReferenceSet out = Combiner.combine(GoldenSeriesCombineTest.dailyInputs(), spec);

      ReferenceSet golden = ReferenceSets.readJson(Corpus.file("golden/series_combined.json"));
      assertThat(out.get("time/0")).isEqualTo(golden.get("time/0"));
      Reference.Range tas = (Reference.Range) golden.get("tas/2.0.0").orElseThrow();
      byte[] file = Corpus.bytes(tas.target());
      assertThat(out.get("tas/2.0.0"))
          .contains(
              new Reference.Inline(Arrays.copyOfRange(file, (int) tas.offset(), (int) tas.end())));
      Reference.Range pr = (Reference.Range) golden.get("pr/2.0.0").orElseThrow();
      assertThat(out.get("pr/2.0.0"))
          .contains(Reference.range(server.base() + pr.target(), pr.offset(), pr.length()));
      assertThat(server.gets()).isGreaterThanOrEqualTo(List.of(1, 2, 3, 4, 5).size() * 2);
    }
  }
}
