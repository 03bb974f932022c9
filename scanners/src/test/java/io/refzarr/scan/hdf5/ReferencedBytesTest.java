package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.testing.Corpus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bytes behind refzarr's references: read through the {@code reference} file system they equal
 * the source file at the recorded ranges, and where refzarr improves on kerchunk the referenced or
 * embedded bytes decode to the values jhdf reads from the file itself.
 */
class ReferencedBytesTest {

  static List<String> files() {
    return CorpusFiles.ALL;
  }

  @ParameterizedTest
  @MethodSource("files")
  void referenceFileSystem_everyRange_readsTheSourceBytes(String file) throws Exception {
    // inline threshold 0: every chunk that lies in the file is a range
    ReferenceSet refs =
        Scans.corpus(
                file,
                io.refzarr.scan.ScanOptions.DEFAULT
                    .withInlineThreshold(0)
                    .withErrorPolicy(io.refzarr.scan.ErrorPolicy.SKIP))
            .refs();
    byte[] source = Corpus.bytes(file);
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder().root(Corpus.dir()).build();
    List<String> rangeKeys = new java.util.ArrayList<>();
    for (String k : refs.keys().collect(Collectors.toList())) {
      if (refs.get(k).orElseThrow() instanceof Reference.Range) {
        rangeKeys.add(k);
      }
    }
    assertThat(rangeKeys).isNotEmpty();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(refs, config)) {
      for (String key : rangeKeys) {
        Reference.Range r = (Reference.Range) refs.get(key).orElseThrow();
        assertThat(r.target()).isEqualTo(file);
        byte[] expected = Arrays.copyOfRange(source, (int) r.offset(), (int) r.end());
        assertThat(Files.readAllBytes(fs.getPath("/" + key))).as(key).isEqualTo(expected);
      }
    }
  }

  @Test
  void scan_fletcher32Dataset_rangesExcludeTheChecksumAndHoldTheValues() throws Exception {
    ReferenceSet refs =
        Scans.corpus(
                "hdf5_filters.h5",
                io.refzarr.scan.ScanOptions.DEFAULT
                    .withInlineThreshold(0)
                    .withErrorPolicy(io.refzarr.scan.ErrorPolicy.SKIP))
            .refs();
    byte[] source = Corpus.bytes("hdf5_filters.h5");
    double[] values = (double[]) jhdf("hdf5_filters.h5", "fletcher32_f8");
    ByteBuffer all = ByteBuffer.allocate(values.length * 8);
    for (int chunk = 0; chunk < 4; chunk++) {
      Reference.Range r = (Reference.Range) refs.get("fletcher32_f8/" + chunk).orElseThrow();
      assertThat(r.length()).isEqualTo(16 * 8); // 16 doubles, the 4 checksum bytes cut off
      all.put(source, (int) r.offset(), (int) r.length());
    }
    assertThat(doubles(all.array(), ByteOrder.LITTLE_ENDIAN)).containsExactly(values);
  }

  @Test
  void scan_compactDatasetOverTheInlineThreshold_embedsItsValues() throws Exception {
    ReferenceSet refs = Scans.corpus("hdf5_layouts.h5").refs();
    byte[] data = ((Reference.Inline) refs.get("compact_f8_big/0").orElseThrow()).data();
    assertThat(data).hasSize(800);
    assertThat(doubles(data, ByteOrder.LITTLE_ENDIAN))
        .containsExactly((double[]) jhdf("hdf5_layouts.h5", "compact_f8_big"));
  }

  @Test
  void scan_compoundDataset_referencesPackedRecordsWithAStructuredDtype() throws Exception {
    ReferenceSet refs = Scans.corpus("hdf5_dtypes.h5").refs();
    String zarray =
        new String(
            ((Reference.Inline) refs.get("compound/.zarray").orElseThrow()).data(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(zarray).contains("\"dtype\":[[\"x\",\"<i4\"],[\"y\",\"<f8\"],[\"tag\",\"|S4\"]]");
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) jhdf("hdf5_dtypes.h5", "compound");
    int[] x = (int[]) fields.get("x");
    double[] y = (double[]) fields.get("y");
    for (int chunk = 0; chunk < 2; chunk++) {
      ByteBuffer b =
          ByteBuffer.wrap(((Reference.Inline) refs.get("compound/" + chunk).orElseThrow()).data())
              .order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < 4; i++) {
        int at = i * 16;
        assertThat(b.getInt(at)).isEqualTo(x[chunk * 4 + i]);
        assertThat(b.getDouble(at + 4)).isEqualTo(y[chunk * 4 + i]);
      }
    }
  }

  @Test
  void scan_scalarVlenString_embedsTheValueWithVlenUtf8() throws Exception {
    ReferenceSet refs = Scans.corpus("hdf5_layouts.h5").refs();
    byte[] data = ((Reference.Inline) refs.get("scalar_vlen_str/0").orElseThrow()).data();
    String value = (String) jhdf("hdf5_layouts.h5", "scalar_vlen_str");
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getInt()).isEqualTo(1);
    int len = b.getInt();
    assertThat(new String(data, 8, len, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(value)
        .isEqualTo("hello scalar");
  }

  private static Object jhdf(String file, String dataset) {
    try (HdfFile hdf = new HdfFile(Corpus.file(file))) {
      return hdf.getDatasetByPath(dataset).getData();
    }
  }

  private static double[] doubles(byte[] bytes, ByteOrder order) {
    double[] out = new double[bytes.length / 8];
    ByteBuffer.wrap(bytes).order(order).asDoubleBuffer().get(out);
    return out;
  }
}
