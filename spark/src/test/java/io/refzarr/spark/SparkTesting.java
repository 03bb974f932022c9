package io.refzarr.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.combine.CombineInput;
import io.refzarr.combine.CombineSpec;
import io.refzarr.combine.Combiner;
import io.refzarr.combine.ProgressListener;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.SinkOptions;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.Scanners;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The comparison the Spark tests make: the job's output against the single-machine scan-combine's.
 */
final class SparkTesting {
  private SparkTesting() {}

  /** The daily series' spec (a serializable factory: executors build their own). */
  static final SpecFactory DAILY =
      () -> CombineSpec.builder().concatDims("time").identicalDims("lat", "lon");

  static List<String> corpusSeries() {
    List<String> out = new ArrayList<>();
    for (int d = 1; d <= 5; d++) {
      out.add(Corpus.file("series/day_00" + d + ".nc").toString());
    }
    return out;
  }

  /**
   * What {@code refzarr scan-combine} writes on one machine: each input scanned when the combine
   * reads it.
   */
  static Path singleMachine(List<String> inputs, Path json) throws IOException {
    List<CombineInput> files = new ArrayList<>();
    for (String url : inputs) {
      files.add(new CombineInput(url, () -> Scanners.scan(ScanInput.of(url), ScanOptions.DEFAULT)));
    }
    CombineSpec spec = DAILY.builder().build();
    ReferenceSets.write(
        json,
        SinkOptions.DEFAULT,
        sink -> {
          Combiner.combine(files, spec, sink);
          return null;
        });
    return json;
  }

  static CombineReport spark(
      JavaSparkContext sc,
      List<String> inputs,
      CombineJobOptions options,
      Path out,
      ProgressListener progress)
      throws IOException {
    return SparkScanCombine.run(
        sc,
        inputs.stream().map(ScanInput::of).toList(),
        DAILY,
        options,
        out,
        SinkOptions.DEFAULT.withRecordSize(50),
        progress);
  }

  /** Every key of both, with identical references and metadata. */
  static void assertSameOutput(Path actual, Path expected) throws IOException {
    Map<String, Reference> a = refs(actual);
    Map<String, Reference> e = refs(expected);
    assertThat(a.keySet()).isEqualTo(e.keySet());
    for (String key : e.keySet()) {
      assertThat(a.get(key)).as(key).isEqualTo(e.get(key));
    }
  }

  static Map<String, Reference> refs(Path set) throws IOException {
    Map<String, Reference> out = new TreeMap<>();
    try (ReferenceSet s = ReferenceSets.open(set, io.refzarr.refs.ReadOptions.DEFAULT)) {
      for (String k : s.keys().toList()) {
        out.put(k, s.get(k).orElseThrow());
      }
    }
    return out;
  }

  static boolean sameBytes(Path a, Path b) throws IOException {
    return java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
  }
}
