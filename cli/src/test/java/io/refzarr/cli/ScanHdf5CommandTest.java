package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refzarr scan} on HDF5 / netCDF4 files: detection by magic, policy, report and progress.
 */
class ScanHdf5CommandTest {
  @TempDir Path dir;

  @Test
  void scan_netcdf4File_writesKerchunksKeysAndRanges() throws Exception {
    Path out = dir.resolve("nc4_cf.json");
    CliTest.Result r =
        CliTest.run(
            "scan",
            CliTest.CORPUS.resolve("nc4_cf.nc").toString(),
            "-o",
            out.toString(),
            "--url",
            "nc4_cf.nc",
            "--progress");

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.text()).contains("hdf5").contains("references");
    ReferenceSet mine = ReferenceSets.readJson(out);
    ReferenceSet golden = ReferenceSets.readJson(CliTest.CORPUS.resolve("golden/nc4_cf.json"));
    // kerchunk's keys, and the never-written coordinate variable kerchunk drops (kept as an array
    // with no
    // chunks: scanners' GoldenSetTest lists and checks it)
    java.util.List<String> expected =
        new java.util.ArrayList<>(golden.keys().collect(Collectors.toList()));
    expected.addAll(java.util.List.of("station/.zarray", "station/.zattrs"));
    assertThat(mine.keys().sorted().collect(Collectors.toList()))
        .isEqualTo(expected.stream().sorted().collect(Collectors.toList()));
    assertThat(mine.get("temp/3.0.0.0"))
        .isEqualTo(golden.get("temp/3.0.0.0"))
        .get()
        .isInstanceOf(Reference.Range.class);
  }

  @Test
  void scan_unsupportedFilterUnderFailPolicy_failsNamingTheDataset() {
    for (String strict : new String[] {"--strict", "--error-policy=fail"}) {
      CliTest.Result r =
          CliTest.run(
              "scan",
              CliTest.CORPUS.resolve("hdf5_filters.h5").toString(),
              "-o",
              dir.resolve("f.json").toString(),
              strict);

      assertThat(r.status()).as(strict).isNotZero();
      assertThat(r.err()).contains("hdf5_filters.h5").contains("/lzf_i2").contains("lzf");
    }
  }

  @Test
  void scan_byDefault_skipsAndReportsWhatCannotBeReferenced() {
    CliTest.Result r =
        CliTest.run(
            "scan",
            CliTest.CORPUS.resolve("hdf5_filters.h5").toString(),
            "-o",
            dir.resolve("f.json").toString());

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.err()).contains("skipped /lzf_i2");
    assertThat(r.text()).contains("1 skipped");
  }

  @Test
  void scanCombine_reportsWhatEachInputLeftOut() {
    String file = CliTest.CORPUS.resolve("hdf5_filters.h5").toString();
    CliTest.Result r =
        CliTest.run(
            "scan-combine", "--concat-dim", "time", file, "-o", dir.resolve("c.json").toString());

    assertThat(r.err()).contains(file + ": skipped /lzf_i2: filter ");
  }

  @Test
  void scan_unsupportedFilterUnderSkipPolicy_reportsTheSkippedDataset() {
    CliTest.Result r =
        CliTest.run(
            "scan",
            CliTest.CORPUS.resolve("hdf5_filters.h5").toString(),
            "-o",
            dir.resolve("f.json").toString(),
            "--error-policy",
            "skip");

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.err()).contains("skipped /lzf_i2");
    assertThat(r.text()).contains("1 skipped");
  }

  @Test
  void errorPolicy_anyCase_inScanAndScanCombine() {
    CliTest.Result scan =
        CliTest.run(
            "scan",
            CliTest.CORPUS.resolve("hdf5_filters.h5").toString(),
            "-o",
            dir.resolve("f.json").toString(),
            "--error-policy",
            "SKIP");
    assertThat(scan.status()).as(scan.err()).isZero();
    assertThat(scan.text()).contains("1 skipped");

    CliTest.Result combine =
        CliTest.run(
            "scan-combine",
            "--error-policy",
            "Fail",
            "--concat-dim",
            "time",
            CliTest.CORPUS.resolve("hdf5_filters.h5").toString(),
            "-o",
            dir.resolve("c.json").toString());
    assertThat(combine.status()).isEqualTo(1); // parsed: the scan itself fails on the filter
    assertThat(combine.err()).contains("lzf");
  }

  @Test
  void scan_enumLabels_enumDatasetGetsCfFlagAttributes() throws Exception {
    Path out = dir.resolve("dtypes.json");
    CliTest.Result r =
        CliTest.run(
            "scan",
            CliTest.CORPUS.resolve("hdf5_dtypes.h5").toString(),
            "-o",
            out.toString(),
            "--enum-labels");

    assertThat(r.status()).as(r.err()).isZero();
    Object attrs =
        Json.parse(
            ((Reference.Inline) ReferenceSets.readJson(out).get("enum_i1/.zattrs").orElseThrow())
                .data());
    // make_corpus.py: h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="i1")
    assertThat(attrs)
        .isEqualTo(
            Map.of(
                "_ARRAY_DIMENSIONS",
                List.of("phony_dim_0"),
                "flag_values",
                List.of(0L, 1L, 2L),
                "flag_meanings",
                "RED GREEN BLUE"));
  }

  @Test
  void progressSink_manyReferences_reportsTheCountOnOneLine() throws Exception {
    StringWriter text = new StringWriter();
    ReferenceSetBuilder builder = ReferenceSets.builder();
    ProgressSink sink = new ProgressSink(builder, new PrintWriter(text), "big.h5", 0);
    for (int i = 0; i < 3000; i++) {
      sink.put("k" + i, Reference.inline(new byte[] {1}));
    }
    sink.finish();

    assertThat(builder.build().size()).isEqualTo(3000);
    assertThat(text.toString())
        .contains("\rrefzarr: scanning big.h5: 2,048 references")
        .contains("3,000 references")
        .endsWith(System.lineSeparator());
  }
}
