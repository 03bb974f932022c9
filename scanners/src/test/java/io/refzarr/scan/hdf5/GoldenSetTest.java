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
   * omits, the metadata of arrays whose data refzarr embeds (fill value null, as kerchunk does for
   * data it embeds), the fill value {@code ""} of fixed-length strings with an empty fill value
   * (kerchunk writes {@code " "}; HDF5 reads {@code b""}), and never-written dimension scales kept
   * as arrays with no chunks (kerchunk drops them); {@link
   * #improvements_readWhatTheHdf5LibraryReads} checks the values of the last two.
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
          Set.of(
              "compact_f8_big/0",
              "compact_f8_big/.zarray",
              "scalar_vlen_str/0",
              "scalar_fixed_str/.zarray"),
          "hdf5_dtypes.h5",
          Set.of(
              "compound/.zarray",
              "compound/.zattrs",
              "compound/0",
              "compound/1",
              "fixed_str/.zarray"),
          "nc4_cf.nc",
          Set.of("station/.zarray", "station/.zattrs"),
          "nc4_groups.nc",
          Set.of("forecast/surface/label/.zarray", "obs/k/.zarray", "obs/k/.zattrs"));

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

  /**
   * The improvements' values, as h5py reads them: empty fill values of fixed-length strings are
   * {@code b""}; never-written dimension scales read as their HDF5 fill value (0.0 in these files),
   * with no chunk.
   */
  @org.junit.jupiter.api.Test
  void improvements_readWhatTheHdf5LibraryReads() throws Exception {
    for (String[] fixed :
        new String[][] {
          {"hdf5_dtypes.h5", "fixed_str"},
          {"hdf5_layouts.h5", "scalar_fixed_str"},
          {"nc4_groups.nc", "forecast/surface/label"}
        }) {
      assertThat(zarray(fixed[0], fixed[1])).containsEntry("fill_value", "");
    }
    for (String[] scale : new String[][] {{"nc4_cf.nc", "station"}, {"nc4_groups.nc", "obs/k"}}) {
      ReferenceSet refs = Scans.corpus(scale[0]).refs();
      assertThat(zarray(scale[0], scale[1]))
          .containsEntry("fill_value", 0.0)
          .containsEntry("shape", java.util.List.of(4L))
          .containsEntry("dtype", ">f4");
      assertThat(refs.keys().filter(k -> k.startsWith(scale[1] + "/") && !k.contains("/.z")))
          .isEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> zarray(String file, String array) throws IOException {
    Reference r = Scans.corpus(file).refs().get(array + "/.zarray").orElseThrow();
    return (Map<String, Object>) Json.parse(((Reference.Inline) r).data());
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
