package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * refzarr's references equal kerchunk's golden set for every HDF5/netCDF4 corpus file: the same
 * keys, the same byte ranges, the same inline bytes and the same Zarr metadata, except the
 * documented improvements listed in {@link #IMPROVEMENTS} (arrays kerchunk leaves out or reads
 * wrongly), which must differ exactly there and nowhere else.
 */
class GoldenSetTest {

  /**
   * Keys where refzarr knowingly differs from kerchunk, per file: extra keys of arrays kerchunk
   * omits, and the metadata of arrays whose data refzarr embeds (fill value null, as kerchunk does
   * for data it embeds).
   */
  static final Map<String, Set<String>> IMPROVEMENTS =
      Map.of(
          "hdf5_filters.h5",
          Set.of(
              "fletcher32_f8/.zarray",
              "fletcher32_f8/.zattrs",
              "fletcher32_f8/0",
              "fletcher32_f8/1",
              "fletcher32_f8/2",
              "fletcher32_f8/3"),
          "hdf5_layouts.h5",
          Set.of("compact_f8_big/0", "compact_f8_big/.zarray", "scalar_vlen_str/0"),
          "hdf5_dtypes.h5",
          Set.of("compound/.zarray", "compound/.zattrs", "compound/0", "compound/1"));

  static java.util.List<String> files() {
    return CorpusFiles.ALL;
  }

  @ParameterizedTest
  @MethodSource("files")
  void scan_corpusFile_matchesKerchunkGoldenSetExceptDocumentedImprovements(String file)
      throws Exception {
    ReferenceSet mine = Scans.corpus(file).refs();
    ReferenceSet golden =
        ReferenceSets.readJson(Corpus.file("golden/" + file.replaceAll("\\.(h5|nc)$", ".json")));
    Set<String> keys = new TreeSet<>();
    keys.addAll(golden.keys().collect(Collectors.toSet()));
    keys.addAll(mine.keys().collect(Collectors.toSet()));
    Map<String, String> differences = new TreeMap<>();
    for (String key : keys) {
      String why = difference(key, golden.get(key), mine.get(key));
      if (why != null) {
        differences.put(key, why);
      }
    }
    assertThat(differences.keySet())
        .as("keys that differ from kerchunk: %s", differences)
        .isEqualTo(IMPROVEMENTS.getOrDefault(file, Set.of()));
  }

  private static String difference(String key, Optional<Reference> golden, Optional<Reference> mine)
      throws IOException {
    if (golden.isEmpty() || mine.isEmpty()) {
      return golden.isEmpty() ? "only refzarr has it" : "only kerchunk has it";
    }
    Reference g = golden.get();
    Reference m = mine.get();
    if (key.endsWith(".zarray") || key.endsWith(".zattrs") || key.endsWith(".zgroup")) {
      Object gj = Json.parse(((Reference.Inline) g).data());
      Object mj = Json.parse(((Reference.Inline) m).data());
      return gj.equals(mj) ? null : "metadata " + Json.write(mj) + " vs kerchunk " + Json.write(gj);
    }
    return g.equals(m) ? null : m + " vs kerchunk " + g;
  }
}
