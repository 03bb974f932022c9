package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanOptions;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ScanOptions#withEnumLabels}: enum datasets keep their labels as CF {@code flag_values} and
 * {@code flag_meanings}; off (the default), their attributes are kerchunk's.
 */
class EnumLabelsTest {
  private static final ScanOptions SKIP = ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP);

  @TempDir Path tmp;

  @Test
  void scan_enumLabelsOn_enumDatasetGetsCfFlagValuesAndMeanings() throws Exception {
    ReferenceSet refs = Scans.corpus("hdf5_dtypes.h5", SKIP.withEnumLabels(true)).refs();

    // make_corpus.py: h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="i1")
    Map<String, Object> attrs = json(refs, "enum_i1/.zattrs");
    assertThat(attrs)
        .containsEntry("flag_values", List.of(0L, 1L, 2L))
        .containsEntry("flag_meanings", "RED GREEN BLUE")
        .containsEntry("_ARRAY_DIMENSIONS", List.of("phony_dim_0"));
  }

  @Test
  void scan_enumLabelsOn_boolDatasetGetsNoFlags() throws Exception {
    ReferenceSet refs = Scans.corpus("hdf5_dtypes.h5", SKIP.withEnumLabels(true)).refs();

    assertThat(json(refs, "bool/.zarray")).containsEntry("dtype", "|b1");
    assertThat(json(refs, "bool/.zattrs"))
        .doesNotContainKeys("flag_values", "flag_meanings")
        .isEqualTo(json(golden(), "bool/.zattrs"));
  }

  @Test
  void scan_enumLabelsOff_enumAttributesEqualKerchunks() throws Exception {
    assertThat(SKIP.enumLabels()).isFalse();
    ReferenceSet refs = Scans.corpus("hdf5_dtypes.h5", SKIP).refs();

    assertThat(json(refs, "enum_i1/.zattrs"))
        .isEqualTo(json(golden(), "enum_i1/.zattrs"))
        .doesNotContainKeys("flag_values", "flag_meanings");
  }

  /**
   * Signed, big-endian, 8-byte and unsigned bases, labels with spaces, and a dataset with its own
   * {@code flag_meanings}: written by h5py here; skipped when Python lacks h5py.
   */
  @Test
  void scan_enumLabelsOnVariousBaseTypes_valuesWithSignAndByteOrderAndSpacesAsUnderscores()
      throws Exception {
    Path file = tmp.resolve("enums.h5");
    String script =
        String.join(
            "\n",
            "import sys, h5py, numpy as np",
            "with h5py.File(sys.argv[1], 'w') as f:",
            "    f.create_dataset('i1', data=np.array([-1, 3], 'i1'),",
            "        dtype=h5py.enum_dtype({'missing value': -1, 'ok': 3}, basetype='i1'))",
            "    f.create_dataset('be_i2', data=np.array([-300, 0, 300], '>i2'),",
            "        dtype=h5py.enum_dtype({'LOW': -300, 'MID': 0, 'HIGH': 300}, basetype='>i2'))",
            "    f.create_dataset('u2', data=np.array([65000, 7], 'u2'),",
            "        dtype=h5py.enum_dtype({'TOP': 65000, 'SEVEN': 7}, basetype='u2'))",
            "    f.create_dataset('i8', data=np.array([-7, 5], 'i8'),",
            "        dtype=h5py.enum_dtype({'minus seven': -7, 'five': 5}, basetype='i8'))",
            "    d = f.create_dataset('own', data=np.array([0, 1], 'u1'),",
            "        dtype=h5py.enum_dtype({'A': 0, 'B': 1}, basetype='u1'))",
            "    d.attrs['flag_meanings'] = 'mine'",
            "");
    assumeTrue(
        run(List.of("python3", "-c", script, file.toString())).startsWith("0\n"),
        "python3 with h5py is not available");

    ReferenceSet refs =
        Scans.file(file, "enums.h5", ScanOptions.DEFAULT.withEnumLabels(true)).refs();

    assertThat(json(refs, "i1/.zattrs"))
        .containsEntry("flag_values", List.of(-1L, 3L))
        .containsEntry("flag_meanings", "missing_value ok");
    assertThat(json(refs, "be_i2/.zarray")).containsEntry("dtype", ">i2");
    assertThat(json(refs, "be_i2/.zattrs"))
        .containsEntry("flag_values", List.of(-300L, 0L, 300L))
        .containsEntry("flag_meanings", "LOW MID HIGH");
    assertThat(json(refs, "u2/.zattrs"))
        .containsEntry("flag_values", List.of(7L, 65000L))
        .containsEntry("flag_meanings", "SEVEN TOP");
    assertThat(json(refs, "i8/.zattrs"))
        .containsEntry("flag_values", List.of(-7L, 5L))
        .containsEntry("flag_meanings", "minus_seven five");
    assertThat(json(refs, "own/.zattrs"))
        .containsEntry("flag_values", List.of(0L, 1L))
        .containsEntry("flag_meanings", "mine");
  }

  private static ReferenceSet golden() throws IOException {
    return ReferenceSets.readJson(Corpus.file("golden/hdf5_dtypes.json"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(ReferenceSet refs, String key) throws IOException {
    return (Map<String, Object>)
        Json.parse(((Reference.Inline) refs.get(key).orElseThrow()).data());
  }

  /**
   * Exit status, a newline, then the output (stdout and stderr); "-1" when the command cannot
   * start.
   */
  private static String run(List<String> command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "timeout\n";
      }
      return p.exitValue() + "\n" + new String(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "-1\n" + e;
    }
  }
}
