package io.refzarr.combine;

import static io.refzarr.combine.Synthetic.meta;
import static io.refzarr.combine.Synthetic.ref;
import static io.refzarr.combine.Synthetic.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.refzarr.refs.ReferenceSet;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs kerchunk would combine into wrong keys or wrong encodings are refused, naming them. */
class RefusalTest {
  private static final CombineSpec TIME = CombineSpec.builder().concatDims("time").build();

  private static CombineInput withTas(
      String target, double time, Map<String, Object> zarray, Map<String, Object> attrs) {
    return new Synthetic(target)
        .coord("time", Map.of("units", "days since 2000-01-01"), time)
        .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3}, zarray, attrs)
        .input();
  }

  private static void assertRefused(
      List<CombineInput> inputs,
      CombineSpec spec,
      CombineException.Reason reason,
      String... names) {
    assertThatThrownBy(() -> Combiner.combine(inputs, spec))
        .isInstanceOfSatisfying(
            CombineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.inputs()).contains(names);
              assertThat(e.getMessage()).contains(names);
            });
  }

  @Test
  void combine_unequalLengthsNotAMultipleOfTheChunk_refusedAsMisaligned() {
    // kerchunk#76/#400: 3 steps per input, chunks of 2: kerchunk overwrites a.nc's partial chunk
    assertRefused(
        List.of(series("a.nc", 2, 0, 1, 2), series("b.nc", 2, 3, 4, 5)),
        TIME,
        CombineException.Reason.MISALIGNED,
        "a.nc");
  }

  @Test
  void combine_partialChunkOnlyInTheLastInput_isAccepted() throws IOException {
    ReferenceSet out =
        Combiner.combine(List.of(series("b.nc", 2, 2, 3, 4), series("a.nc", 2, 0, 1)), TIME);

    assertThat(meta(out, "tas/.zarray")).containsEntry("shape", List.of(5L, 3L));
    assertThat(out.get("tas/0.0")).contains(ref("a.nc", 0));
    assertThat(out.get("tas/1.0")).contains(ref("b.nc", 0));
    assertThat(out.get("tas/2.0")).contains(ref("b.nc", 1));
  }

  @Test
  void combine_interleavedCoordinates_refused() {
    assertRefused(
        List.of(series("a.nc", 1, 0, 2), series("b.nc", 1, 1, 3)),
        TIME,
        CombineException.Reason.MISALIGNED,
        "a.nc");
  }

  @Test
  void combine_overlappingCoordinates_refused() {
    assertRefused(
        List.of(series("a.nc", 1, 0, 1, 2), series("b.nc", 1, 2, 3, 4)),
        TIME,
        CombineException.Reason.MISALIGNED,
        "a.nc",
        "b.nc");
  }

  @Test
  void combine_sameCoordinatesTwice_refusedAsDuplicate() {
    assertRefused(
        List.of(series("a.nc", 1, 0), series("b.nc", 1, 0)),
        TIME,
        CombineException.Reason.DUPLICATE,
        "a.nc",
        "b.nc");
  }

  @Test
  void combine_inputWhoseCoordinateDecreases_refused() {
    // b.nc stores time 5 then 4: combined, its first chunk landed under 4 and its second under 5
    assertRefused(
        List.of(series("a.nc", 1, 0, 1), series("b.nc", 1, 5, 4)),
        TIME,
        CombineException.Reason.BAD_COORDINATE,
        "b.nc");
  }

  @Test
  void combine_nanCoordinate_refused() {
    // NaN sorted last: b.nc's [NaN, 3] became [3, NaN] over data stored as [NaN, 3]
    assertRefused(
        List.of(series("a.nc", 1, 0, 1), series("b.nc", 1, 3, Double.NaN)),
        TIME,
        CombineException.Reason.BAD_COORDINATE,
        "b.nc");
    assertRefused(
        List.of(series("a.nc", 1, 0, 1), series("b.nc", 1, Double.NaN, 3)),
        TIME,
        CombineException.Reason.BAD_COORDINATE,
        "b.nc");
  }

  @Test
  void combine_extentDiffersFromCoordinateCount_refused() {
    CombineInput bad =
        new Synthetic("a.nc")
            .coord("time", 0)
            .variable("tas", List.of("time", "x"), new long[] {2, 3}, new long[] {1, 3})
            .input();
    assertRefused(
        List.of(bad, series("b.nc", 1, 5)), TIME, CombineException.Reason.MISALIGNED, "a.nc");
  }

  @Test
  void combine_chunkShapesDiffer_refused() {
    CombineInput other =
        new Synthetic("b.nc")
            .coord("time", 1)
            .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 2})
            .input();
    assertRefused(
        List.of(series("a.nc", 1, 0), other),
        TIME,
        CombineException.Reason.CHUNK_MISMATCH,
        "a.nc",
        "b.nc");
  }

  @Test
  void combine_otherExtentDiffers_refused() {
    CombineInput other =
        new Synthetic("b.nc")
            .coord("time", 1)
            .variable("tas", List.of("time", "x"), new long[] {1, 4}, new long[] {1, 3})
            .input();
    assertRefused(
        List.of(series("a.nc", 1, 0), other),
        TIME,
        CombineException.Reason.SHAPE_MISMATCH,
        "a.nc",
        "b.nc");
  }

  @Test
  void combine_dtypeDiffers_refusedAsConflict() {
    assertRefused(
        List.of(
            withTas("a.nc", 0, Map.of(), Map.of()),
            withTas("b.nc", 1, Map.of("dtype", "<f8"), Map.of())),
        TIME,
        CombineException.Reason.CONFLICT,
        "a.nc",
        "b.nc");
  }

  @Test
  void combine_codecsDiffer_refusedAsConflict() {
    Map<String, Object> zlib = Map.of("compressor", Map.of("id", "zlib", "level", 4L));
    assertRefused(
        List.of(withTas("a.nc", 0, Map.of(), Map.of()), withTas("b.nc", 1, zlib, Map.of())),
        TIME,
        CombineException.Reason.CONFLICT,
        "a.nc",
        "b.nc");
  }

  @Test
  void combine_fillValueDiffers_refusedAsConflict() {
    assertRefused(
        List.of(
            withTas("a.nc", 0, Map.of("fill_value", 1e20), Map.of()),
            withTas("b.nc", 1, Map.of("fill_value", -999.0), Map.of())),
        TIME,
        CombineException.Reason.CONFLICT,
        "a.nc",
        "b.nc");
  }

  @Test
  void combine_scaleFactorDiffers_refusedAsConflict() {
    // kerchunk#212/#586: the first file's scale_factor would silently decode the others' values
    assertRefused(
        List.of(
            withTas("a.nc", 0, Map.of(), Map.of("scale_factor", 0.01)),
            withTas("b.nc", 1, Map.of(), Map.of("scale_factor", 0.02))),
        TIME,
        CombineException.Reason.CONFLICT,
        "a.nc",
        "b.nc");
  }

  @Test
  void combine_fillValueAttributeOrAddOffsetMissingInOne_refusedAsConflict() {
    assertRefused(
        List.of(
            withTas("a.nc", 0, Map.of(), Map.of("_FillValue", -1.0)),
            withTas("b.nc", 1, Map.of(), Map.of())),
        TIME,
        CombineException.Reason.CONFLICT,
        "a.nc",
        "b.nc");
    assertRefused(
        List.of(
            withTas("a.nc", 0, Map.of(), Map.of("add_offset", 273.15)),
            withTas("b.nc", 1, Map.of(), Map.of("add_offset", 0.0))),
        TIME,
        CombineException.Reason.CONFLICT,
        "a.nc",
        "b.nc");
  }

  @Test
  void combine_timeUnitsDifferWithDataSelector_refusedAsConflict() {
    CombineInput a =
        new Synthetic("a.nc")
            .coord("time", Map.of("units", "days since 2000-01-01"), 0)
            .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .input();
    CombineInput b =
        new Synthetic("b.nc")
            .coord("time", Map.of("units", "hours since 2000-01-01"), 24)
            .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .input();
    assertRefused(List.of(a, b), TIME, CombineException.Reason.CONFLICT, "a.nc", "b.nc");
  }

  @Test
  void combine_conflictResolvedUseFirst_takesTheFirstInCoordinateOrderWhateverTheInputOrder()
      throws IOException {
    CombineSpec spec =
        CombineSpec.builder().concatDims("time").conflicts(ConflictResolver.useFirst()).build();
    CombineInput a = withTas("a.nc", 0, Map.of(), Map.of("scale_factor", 0.01));
    CombineInput b = withTas("b.nc", 1, Map.of(), Map.of("scale_factor", 0.02));

    for (List<CombineInput> inputs : List.of(List.of(a, b), List.of(b, a))) {
      assertThat(meta(Combiner.combine(inputs, spec), "tas/.zattrs"))
          .containsEntry("scale_factor", 0.01);
    }
  }

  @Test
  void combine_conflictResolvedDropAttributes_leavesTheAttributeOut() throws IOException {
    CombineSpec spec =
        CombineSpec.builder()
            .concatDims("time")
            .conflicts(ConflictResolver.dropAttributes())
            .build();

    ReferenceSet out =
        Combiner.combine(
            List.of(
                withTas("a.nc", 0, Map.of(), Map.of("units", "K")),
                withTas("b.nc", 1, Map.of(), Map.of("units", "degC"))),
            spec);

    assertThat(meta(out, "tas/.zattrs")).doesNotContainKey("units");
  }

  @Test
  void combine_customResolverSeesTheConflict_andItsValueIsWritten() throws IOException {
    List<Conflict> seen = new java.util.ArrayList<>();
    CombineSpec spec =
        CombineSpec.builder()
            .concatDims("time")
            .conflicts(
                c -> {
                  seen.add(c);
                  return 1e20;
                })
            .build();

    ReferenceSet out =
        Combiner.combine(
            List.of(
                withTas("a.nc", 0, Map.of("fill_value", 1.0), Map.of()),
                withTas("b.nc", 1, Map.of("fill_value", 2.0), Map.of())),
            spec);

    assertThat(meta(out, "tas/.zarray")).containsEntry("fill_value", 1e20);
    assertThat(seen)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.array()).isEqualTo("tas");
              assertThat(c.field()).isEqualTo("fill_value");
              assertThat(c.values()).containsOnlyKeys("1.0", "2.0");
            });
  }

  @Test
  void dropAttributes_onADtypeConflict_stillRefuses() {
    CombineSpec spec =
        CombineSpec.builder()
            .concatDims("time")
            .conflicts(ConflictResolver.dropAttributes())
            .build();
    assertRefused(
        List.of(
            withTas("a.nc", 0, Map.of(), Map.of()),
            withTas("b.nc", 1, Map.of("dtype", "<i2"), Map.of())),
        spec,
        CombineException.Reason.CONFLICT,
        "a.nc",
        "b.nc");
  }

  @Test
  void combine_missingCoordinateArray_refusedNamingTheInput() {
    CombineInput noTime =
        new Synthetic("a.nc")
            .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .input();
    assertRefused(
        List.of(noTime, series("b.nc", 1, 1)),
        TIME,
        CombineException.Reason.BAD_COORDINATE,
        "a.nc");
  }

  @Test
  void combine_coordinateClaiming2To62Values_refusedBeforeReadingThem() {
    // a time .zarray of shape [2^62] and a fill value: combine read chunk after chunk (60 s, 2 GB,
    // no end) instead of refusing
    long n = 1L << 62;
    CombineInput huge =
        new Synthetic("a.nc")
            .put(
                "time/.zarray",
                Synthetic.inline(
                    Synthetic.zarray(new long[] {n}, new long[] {1}, Map.of("fill_value", 0L))))
            .put("time/.zattrs", Synthetic.inline(Map.of("_ARRAY_DIMENSIONS", List.of("time"))))
            .put(
                "tas/.zarray",
                Synthetic.inline(Synthetic.zarray(new long[] {n, 3}, new long[] {1, 3}, Map.of())))
            .put("tas/.zattrs", Synthetic.inline(Map.of("_ARRAY_DIMENSIONS", List.of("time", "x"))))
            .input();
    assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(20),
        () ->
            assertRefused(
                List.of(huge, series("b.nc", 1, 1)),
                TIME,
                CombineException.Reason.BAD_COORDINATE,
                "a.nc"));
  }

  @Test
  void combine_missingOrMalformedInputFile_refusedAsUnreadableNamingIt(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    java.nio.file.Path bad =
        java.nio.file.Files.writeString(dir.resolve("bad.json"), "{\"version\": 1, \"refs\": [");
    java.nio.file.Path missing = dir.resolve("missing.json");

    assertRefused(
        List.of(series("a.nc", 1, 0), CombineInput.of(bad)),
        TIME,
        CombineException.Reason.UNREADABLE,
        bad.toString());
    assertRefused(
        List.of(CombineInput.of(missing), series("a.nc", 1, 0)),
        TIME,
        CombineException.Reason.UNREADABLE,
        missing.toString());
  }

  @Test
  void combine_cfTimesOfDifferentCalendars_refusedAsBadCoordinate() {
    CombineInput a =
        new Synthetic("a.nc")
            .coord("time", Map.of("units", "days since 2000-01-01", "calendar", "noleap"), 0)
            .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .input();
    CombineInput b =
        new Synthetic("b.nc")
            .coord("time", Map.of("units", "days since 2000-01-01", "calendar", "360_day"), 1)
            .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .input();
    CombineSpec spec =
        CombineSpec.builder().concatDims("time").coordinate("time", "cf:time").build();

    assertThatThrownBy(() -> Combiner.combine(List.of(a, b), spec))
        .isInstanceOfSatisfying(
            CombineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(CombineException.Reason.BAD_COORDINATE);
              assertThat(e.getMessage()).contains("NOLEAP").contains("DAY_360");
            });
  }

  @Test
  void combine_cfTimeWithoutUnits_refusedNamingTheInput() {
    CombineInput a =
        new Synthetic("a.nc")
            .coord("time", 0)
            .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .input();
    assertRefused(
        List.of(a),
        CombineSpec.builder().concatDims("time").coordinate("time", "cf:time").build(),
        CombineException.Reason.BAD_COORDINATE,
        "a.nc");
  }
}
