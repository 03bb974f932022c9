package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {

  @Test
  void convert_jsonToParquetAndBack_sameReferences(@TempDir Path dir) throws Exception {
    Path json = CliTest.CORPUS.resolve("golden/hdf5_chunkgrid.json");
    Path parq = dir.resolve("grid.parq");
    CliTest.Result r =
        CliTest.run("convert", json.toString(), "-o", parq.toString(), "--record-size", "300");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.text()).contains("record_size 300");
    assertThat(Files.readString(parq.resolve(".zmetadata"))).contains("\"record_size\":300");
    assertThat(parq.resolve("grid/refs.3.parq")).exists(); // 1,000 chunks in records of 300
    assertThat(parq.resolve("grid/refs.4.parq")).doesNotExist();

    Path back = dir.resolve("back.json");
    r = CliTest.run("convert", parq.toString(), "-o", back.toString());
    assertThat(r.status()).as(r.err()).isZero();
    ReferenceSet source = ReferenceSets.readJson(json);
    ReferenceSet result = ReferenceSets.readJson(back);
    List<String> keys = source.keys().sorted().collect(Collectors.toList());
    assertThat(result.keys().sorted().collect(Collectors.toList())).isEqualTo(keys);
    for (String key : keys) {
      if (!key.contains(".z")) {
        assertThat(result.get(key)).as(key).isEqualTo(source.get(key));
      }
    }
  }

  @Test
  void convert_badRecordSize_failsAndWritesNothing(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("x.parq");
    CliTest.Result r =
        CliTest.run(
            "convert",
            CliTest.CORPUS.resolve("golden/nc4_cf.json").toString(),
            "-o",
            out.toString(),
            "--record-size",
            "0");
    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("--record-size must be positive");
    assertThat(out).doesNotExist();
  }

  @Test
  void convert_outputForm_followsTheOneRule(@TempDir Path dir) throws Exception {
    String json = CliTest.CORPUS.resolve("golden/nc4_cf.json").toString();
    Path plain = dir.resolve("out");
    CliTest.Result r = CliTest.run("convert", json, "-o", plain.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.text()).contains("(JSON)");
    assertThat(plain).isRegularFile();
    assertThat(ReferenceSets.readJson(plain).keys()).contains("temp/0.0.0.0");

    Path upper = dir.resolve("OUT.PARQUET");
    r = CliTest.run("convert", json, "-o", upper.toString(), "--record-size", "7");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.text()).contains("(Parquet, record_size 7)");
    Path existing =
        Files.move(upper, dir.resolve("existing")); // a Parquet reference directory by content
    r = CliTest.run("convert", json, "-o", existing.toString(), "--record-size", "5");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(Files.readString(existing.resolve(".zmetadata"))).contains("\"record_size\":5");
  }

  /**
   * A damaged record file met while listing (inside a stream, which wraps the IOException): the
   * message names the file, without the wrapper's exception class names.
   */
  @Test
  void ls_convertedSetWithATruncatedRecordFile_failsNamingTheFile(@TempDir Path tmp)
      throws Exception {
    Path parq = tmp.resolve("set.parq");
    CliTest.runOk("convert", CliTest.SERIES_COMBINED.toString(), "-o", parq.toString());
    Path record = parq.resolve("tas/refs.0.parq");
    Files.write(record, java.util.Arrays.copyOf(Files.readAllBytes(record), 100));
    CliTest.Result r = CliTest.run("ls", parq.toString(), "tas");
    assertThat(r.status()).isNotZero();
    assertThat(r.err()).startsWith("refzarr: " + record).doesNotContain("Exception");
  }
}
