package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.refzarr.internal.io.AtomicOutputs;
import io.refzarr.internal.json.Json;
import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for the writers (README "Fuzzing"): a reference set made from the input (arrays of 0
 * to 3 axes, inline chunks, ranges up to 2^62, whole targets, targets with spaces, queries, braces,
 * non-ASCII text and archive chains, metadata with odd JSON) reads back with the same references
 * from the builder's compact form, from JSON (with and without templates) and from Parquet of any
 * record and page size. Parquet writes a zero-length range at offset 0 as empty inline bytes, since
 * its layout reads offset 0 and size 0 as the whole target; that is the one difference allowed. A
 * set with an array whose chunk keys are {@code "/"}-separated, or with a chunk numbered past 2^63
 * - 1 in a grid of 2^124 chunks, which the Parquet layout cannot number, is refused with an {@link
 * InvalidReferenceSetException} naming such an array or key, and leaves no output.
 */
class WriterRoundTripFuzzTest {
  private static final Path DIR = directory();
  private static final List<String> ARRAYS = List.of("a", "g/v", "deep/er/x_1", "tas");
  private static final String HUGE = "huge";
  private static final List<String> TARGETS =
      List.of(
          "",
          "data.nc",
          "/abs/path with space.h5",
          "s3://bucket/key=1/ü.nc",
          "https://host:8080/f.nc?x=1&y=%20",
          "tar://inner/m.nc::file:///a.tar",
          "file:///C:/w\\x.nc",
          "https://host:8080/{{u}}/braces.nc");
  private static final List<String> PREFIXES =
      List.of("s3://bucket/", "https://host:8080/", "/abs/", "tar://", "data");
  private static final List<String> ATTRIBUTES =
      List.of(
          "{}",
          "{\"units\": \"K\", \"scale\": 1.5e-300, \"n\": 9007199254740993}",
          "{\"text\": \"tab\\t quote\\\" ü \\ud83d\\ude00\", \"list\": [null, true, -0.0, []]}",
          "{\"_ARRAY_DIMENSIONS\": [\"time\", \"lat\"], \"nested\": {\"a\": {\"b\": [1, 2]}}}");

  private static Path directory() {
    try {
      Path dir = Files.createTempDirectory("writer-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void roundTrip(FuzzedDataProvider data) throws IOException {
    Map<String, Reference> refs = randomSet(data);
    WriteOptions options =
        WriteOptions.DEFAULT
            .withRecordSize(data.consumeInt(1, 40))
            .withPageRows(data.consumeInt(1, 40))
            .withMaxOpenRecords(data.consumeInt(1, 4));

    ReferenceSetBuilder builder = ReferenceSets.builder();
    refs.forEach(builder::put);
    assertSame(builder.build(), refs, false);

    Path json = DIR.resolve("set.json");
    Files.deleteIfExists(json);
    if (data.consumeBoolean()) {
      ReferenceSets.writeJson(ReferenceSets.of(refs), json);
    } else {
      Map<String, String> templates = new LinkedHashMap<>();
      templates.put("u", data.pickValue(PREFIXES));
      templates.put("v_2", data.pickValue(PREFIXES));
      if (refs.values().stream().anyMatch(WriterRoundTripFuzzTest::bracedTarget)) {
        // fsspec would render "{{u}}" in a set with templates: refused, nothing written
        assertThatThrownBy(() -> ReferenceSets.writeJson(ReferenceSets.of(refs), json, templates))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("{{u}}");
        assertThat(json).doesNotExist();
        ReferenceSets.writeJson(ReferenceSets.of(refs), json);
      } else {
        ReferenceSets.writeJson(ReferenceSets.of(refs), json, templates);
      }
    }
    assertSame(ReferenceSets.readJson(json), refs, false);

    Path parquet = DIR.resolve("set.parq");
    List<String> refused = parquetRefuses(refs);
    if (!refused.isEmpty()) {
      assertThatThrownBy(() -> LazyReferenceSets.write(ReferenceSets.of(refs), parquet, options))
          .isInstanceOf(InvalidReferenceSetException.class)
          .satisfies(
              e -> assertThat(refused).as(e.getMessage()).anyMatch(e.getMessage()::contains));
      assertThat(parquet).doesNotExist();
      return;
    }
    LazyReferenceSets.write(ReferenceSets.of(refs), parquet, options);
    try (LazyReferenceSet back = LazyReferenceSets.open(parquet)) {
      assertSame(back, refs, true);
    }
    AtomicOutputs.deleteTree(parquet);
  }

  /**
   * What the Parquet writer must refuse, each named in its message: the {@code .zarray} keys of
   * arrays that separate chunk-key parts with "/", and chunk keys whose flat number exceeds 2^63 -
   * 1.
   */
  private static List<String> parquetRefuses(Map<String, Reference> refs) {
    List<String> refused = new ArrayList<>();
    for (Map.Entry<String, Reference> e : refs.entrySet()) {
      String key = e.getKey();
      if (key.endsWith("/.zarray")
          && new String(inline(e.getValue()), StandardCharsets.UTF_8).contains("\"/\"}")) {
        refused.add(" at " + key + ": ");
      }
      if (key.startsWith(HUGE + "/") && !key.endsWith(".zarray") && !numbered(key)) {
        refused.add(" at " + key + ": ");
      }
    }
    return refused;
  }

  private static boolean numbered(String hugeKey) {
    String[] parts = hugeKey.substring(HUGE.length() + 1).split("\\.");
    BigInteger flat =
        new BigInteger(parts[0]).shiftLeft(62).add(new BigInteger(parts[1])); // grid 2^62 x 2^62
    return flat.bitLength() < 64;
  }

  private static Map<String, Reference> randomSet(FuzzedDataProvider data) {
    Map<String, Reference> refs = new LinkedHashMap<>();
    refs.put(".zgroup", text("{\"zarr_format\": 2}"));
    refs.put(".zattrs", text(data.pickValue(ATTRIBUTES)));
    int arrays = data.consumeInt(0, ARRAYS.size());
    for (int i = 0; i < arrays; i++) {
      addArray(data, ARRAYS.get(i), refs);
    }
    if (data.consumeInt(0, 7) == 0) {
      addHugeArray(data, refs);
    }
    return refs;
  }

  /**
   * A 2^62 x 2^62 grid of chunks (valid Zarr): keys whose C-order number passes 2^63 - 1 must keep
   * their own references (they once wrapped onto others).
   */
  private static void addHugeArray(FuzzedDataProvider data, Map<String, Reference> refs) {
    long big = 1L << 62;
    refs.put(HUGE + "/.zarray", text(zarray(new long[] {big, big}, new long[] {1, 1}, ".")));
    int chunks = data.consumeInt(0, 5);
    for (int i = 0; i < chunks; i++) {
      long row = data.pickValue(new long[] {0, 1, 2, 3, 4, 8, big - 1});
      long column = data.pickValue(new long[] {0, 1, 5, big - 1});
      refs.put(HUGE + "/" + row + "." + column, reference(data));
    }
  }

  private static void addArray(FuzzedDataProvider data, String name, Map<String, Reference> refs) {
    int rank = data.consumeInt(0, 3);
    long[] shape = new long[rank];
    long[] chunks = new long[rank];
    long[] grid = new long[rank];
    long count = 1;
    for (int d = 0; d < rank; d++) {
      shape[d] = data.consumeLong(0, 12);
      chunks[d] = data.consumeLong(1, Math.max(1, shape[d]));
      grid[d] = (shape[d] + chunks[d] - 1) / chunks[d];
      count *= grid[d];
    }
    String separator = data.consumeInt(0, 7) == 0 ? "/" : "."; // rare: Parquet refuses the set
    refs.put(name + "/.zarray", text(zarray(shape, chunks, separator)));
    if (data.consumeBoolean()) {
      refs.put(name + "/.zattrs", text(data.pickValue(ATTRIBUTES)));
    }
    for (long flat = 0; flat < count; flat++) {
      if (data.consumeInt(0, 3) > 0) {
        refs.put(name + "/" + chunkKey(flat, grid, separator), reference(data));
      }
    }
  }

  private static String zarray(long[] shape, long[] chunks, String separator) {
    return "{\"shape\": "
        + java.util.Arrays.toString(shape)
        + ", \"chunks\": "
        + java.util.Arrays.toString(chunks)
        + ", \"dtype\": \"<f4\", \"compressor\": null, \"filters\": null, \"fill_value\": \"NaN\","
        + " \"order\": \"C\", \"zarr_format\": 2, \"dimension_separator\": \""
        + separator
        + "\"}";
  }

  private static String chunkKey(long flat, long[] grid, String separator) {
    if (grid.length == 0) {
      return "0";
    }
    String[] parts = new String[grid.length];
    for (int d = grid.length - 1; d >= 0; d--) {
      parts[d] = Long.toString(flat % grid[d]);
      flat /= grid[d];
    }
    return String.join(separator, parts);
  }

  private static Reference reference(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 4)) {
      case 0:
        return new Reference.Inline(data.consumeBytes(data.consumeInt(0, 64)));
      case 1:
        // text that looks like the JSON form's base64 prefix must still come back as written
        return text(data.pickValue(List.of("base64:AAAA", "plain text", "", "{\"a\": 1}")));
      case 2:
        return new Reference.Whole(data.pickValue(TARGETS));
      default:
        long offset =
            data.consumeBoolean() ? data.consumeLong(0, 4096) : data.consumeLong(0, 1L << 62);
        long length =
            data.consumeBoolean() ? data.consumeLong(0, 64) : data.consumeLong(0, 1L << 40);
        return new Reference.Range(data.pickValue(TARGETS), offset, length);
    }
  }

  private static Reference.Inline text(String s) {
    return new Reference.Inline(s.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertSame(ReferenceSet set, Map<String, Reference> refs, boolean parquet)
      throws IOException {
    assertThat(set.keys().sorted().toList()).isEqualTo(refs.keySet().stream().sorted().toList());
    for (Map.Entry<String, Reference> e : refs.entrySet()) {
      String key = e.getKey();
      Reference actual = set.get(key).orElseThrow();
      if (key.endsWith("/.zarray") || key.endsWith(".zattrs") || key.endsWith(".zgroup")) {
        assertThat(Json.parse(inline(actual))).as(key).isEqualTo(Json.parse(inline(e.getValue())));
      } else {
        assertThat(actual).as(key).isEqualTo(parquet ? parquetForm(e.getValue()) : e.getValue());
      }
    }
  }

  private static boolean bracedTarget(Reference ref) {
    return ref instanceof Reference.Targeted t && t.target().contains("{{");
  }

  private static Reference parquetForm(Reference ref) {
    return ref instanceof Reference.Range r && r.offset() == 0 && r.length() == 0
        ? new Reference.Inline(new byte[0])
        : ref;
  }

  private static byte[] inline(Reference ref) {
    return ((Reference.Inline) ref).data();
  }
}
