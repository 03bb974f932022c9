package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every golden JSON set, written as Parquet and read back, gives the same references. */
class RoundTripTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> write_everyGoldenJsonSet_readsBackIdenticalReferences() throws IOException {
    // record_size 4 with pages of 2 runs in ParquetReferenceSetContractTest
    return Corpus.goldenJsonSets().stream()
        .map(
            json ->
                DynamicTest.dynamicTest(
                    name(json) + " record_size 1000",
                    () ->
                        roundTrip(
                            json, WriteOptions.DEFAULT.withRecordSize(1000).withPageRows(100))));
  }

  private void roundTrip(Path json, WriteOptions options) throws IOException {
    ReferenceSet source = ReferenceSets.readJson(json);
    Path out = tmp.resolve(name(json).replace('/', '_') + "-" + options.recordSize() + ".parq");
    LazyReferenceSets.write(source, out, options);
    try (LazyReferenceSet back = LazyReferenceSets.open(out)) {
      List<String> keys = sorted(source.keys());
      assertThat(sorted(back.keys())).isEqualTo(keys);
      for (String key : keys) {
        Reference expected = source.get(key).orElseThrow();
        Reference actual = back.get(key).orElseThrow();
        if (key.contains(".z")) {
          assertThat(Json.parse(bytes(actual))).as(key).isEqualTo(Json.parse(bytes(expected)));
        } else {
          assertThat(actual).as(key).isEqualTo(expected);
        }
      }
    }
  }

  private static byte[] bytes(Reference ref) {
    return ((Reference.Inline) ref).data();
  }

  private static String name(Path json) {
    return Corpus.file("golden").relativize(json).toString().replace(".json", "");
  }

  private static List<String> sorted(Stream<String> keys) {
    try (keys) {
      return keys.sorted().collect(Collectors.toList());
    }
  }
}
