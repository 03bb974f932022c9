package io.refzarr.combine;

import static io.refzarr.combine.Synthetic.doubles;
import static io.refzarr.combine.Synthetic.longsOf;
import static io.refzarr.combine.Synthetic.meta;
import static io.refzarr.combine.Synthetic.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.ReferenceSet;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every coo_map form, with placement checked through the references that land in each output key.
 */
class CoordinateSelectorTest {

  private static CombineInput day(
      String target, Map<String, Object> globalAttrs, Map<String, Object> tasAttrs) {
    return new Synthetic(target)
        .attrs(globalAttrs)
        .variable("tas", List.of("x"), new long[] {3}, new long[] {3}, Map.of(), tasAttrs)
        .input();
  }

  private static CombineInput cfTimes(String target, String units, double... values) {
    return new Synthetic(target)
        .coord("time", Map.of("units", units, "calendar", "standard"), values)
        .variable("tas", List.of("time", "x"), new long[] {values.length, 3}, new long[] {1, 3})
        .input();
  }

  @Test
  void cfTime_inputsInDifferentUnits_decodesAndReencodesInTheFirstInputsUnits() throws IOException {
    CombineSpec spec =
        CombineSpec.builder().concatDims("time").coordinate("time", "cf:time").build();
    CombineInput a = cfTimes("a.nc", "days since 2000-01-01", 0, 1);
    CombineInput b = cfTimes("b.nc", "hours since 2000-01-03", 0, 24);

    for (List<CombineInput> inputs : List.of(List.of(a, b), List.of(b, a))) {
      ReferenceSet out = Combiner.combine(inputs, spec);

      assertThat(doubles(out, "time/0")).containsExactly(0, 1, 2, 3);
      assertThat(meta(out, "time/.zattrs")).containsEntry("units", "days since 2000-01-01");
      assertThat(out.get("tas/1.0")).contains(ref("a.nc", 1));
      assertThat(out.get("tas/2.0")).contains(ref("b.nc", 0));
      assertThat(out.get("tas/3.0")).contains(ref("b.nc", 1));
    }
  }

  @Test
  void cfTime_datetimeCooDtype_storesSecondsSinceEpochWithoutUnits() throws IOException {
    CombineSpec spec =
        CombineSpec.builder()
            .concatDims("time")
            .coordinate("time", "cf:time")
            .cooDtype("time", "<M8[s]")
            .build();

    ReferenceSet out =
        Combiner.combine(
            List.of(
                cfTimes("a.nc", "hours since 2000-01-01 06:00", 0),
                cfTimes("b.nc", "days since 1999-12-31", 0)),
            spec);

    assertThat(longsOf(out, "time/0"))
        .containsExactly(946598400L, 946706400L); // 1999-12-31, 2000-01-01T06
    assertThat(meta(out, "time/.zattrs")).doesNotContainKeys("units", "calendar");
    assertThat(meta(out, "time/.zarray")).containsEntry("dtype", "<M8[s]");
    assertThat(out.get("tas/0.0")).contains(ref("b.nc", 0));
  }

  @Test
  void cfTime_noleapCalendar_countsDaysWithoutLeapDays() throws IOException {
    CfUnits units = CfUnits.parse("days since 2000-02-28", "noleap");
    CfUnits other = CfUnits.parse("days since 2000-03-01", "noleap");

    assertThat(other.encode(units.decode(1))).isEqualTo(0.0); // no 29 February in noleap
    assertThat(
            CfUnits.parse("days since 2000-03-01", "standard")
                .encode(CfUnits.parse("days since 2000-02-28", "standard").decode(1)))
        .isEqualTo(-1.0);
  }

  @Test
  void attribute_globalAttribute_addsANewLeadingDimension() throws IOException {
    CombineSpec spec =
        CombineSpec.builder().concatDims("day").coordinate("day", "attr:day").build();

    ReferenceSet out =
        Combiner.combine(
            List.of(
                day("a.nc", Map.of("day", 2L), Map.of()), day("b.nc", Map.of("day", 1L), Map.of())),
            spec);

    assertThat(longsOf(out, "day/0")).containsExactly(1, 2);
    assertThat(meta(out, "tas/.zattrs")).containsEntry("_ARRAY_DIMENSIONS", List.of("day", "x"));
    assertThat(meta(out, "tas/.zarray"))
        .containsEntry("shape", List.of(2L, 3L))
        .containsEntry("chunks", List.of(1L, 3L));
    assertThat(out.get("tas/0.0")).contains(ref("b.nc", 0));
    assertThat(out.get("tas/1.0")).contains(ref("a.nc", 0));
  }

  @Test
  void arrayAttribute_vattr_placesByTheVariablesAttribute() throws IOException {
    CombineSpec spec = CombineSpec.builder().coordinate("level", "vattr:tas:level").build();

    ReferenceSet out =
        Combiner.combine(
            List.of(
                day("a.nc", Map.of(), Map.of("level", 850.0)),
                day("b.nc", Map.of(), Map.of("level", 500.0))),
            spec);

    assertThat(doubles(out, "level/0")).containsExactly(500, 850);
    assertThat(out.get("tas/0.0")).contains(ref("b.nc", 0));
  }

  @Test
  void regex_withIntegerDtype_sortsNumericallyNotAsText() throws IOException {
    CombineSpec spec =
        CombineSpec.builder()
            .coordinate("run", CoordinateSelector.regex(Pattern.compile("run_(\\d+)")))
            .cooDtype("run", "<i8")
            .build();

    ReferenceSet out =
        Combiner.combine(
            List.of(
                day("s3://b/run_10.json", Map.of(), Map.of()),
                day("s3://b/run_9.json", Map.of(), Map.of())),
            spec);

    assertThat(longsOf(out, "run/0")).containsExactly(9, 10);
    assertThat(out.get("tas/0.0")).contains(ref("s3://b/run_9.json", 0));
  }

  @Test
  void regex_withoutDtype_writesAFixedWidthUnicodeCoordinate() throws IOException {
    CombineSpec spec = CombineSpec.builder().coordinate("run", "re:run_(\\w+)\\.").build();

    ReferenceSet out =
        Combiner.combine(
            List.of(day("run_b.json", Map.of(), Map.of()), day("run_aa.json", Map.of(), Map.of())),
            spec);

    assertThat(meta(out, "run/.zarray")).containsEntry("dtype", "<U2");
    byte[] data = ((io.refzarr.refs.Reference.Inline) out.get("run/0").orElseThrow()).data();
    assertThat(new String(data, java.nio.charset.Charset.forName("UTF-32LE"))).isEqualTo("aab\0");
  }

  @Test
  void index_inputPositions_becomeTheCoordinate() throws IOException {
    CombineSpec spec = CombineSpec.builder().coordinate("n", "INDEX").build();

    ReferenceSet out =
        Combiner.combine(
            List.of(day("x.nc", Map.of(), Map.of()), day("a.nc", Map.of(), Map.of())), spec);

    assertThat(longsOf(out, "n/0")).containsExactly(0, 1);
    assertThat(out.get("tas/0.0")).contains(ref("x.nc", 0));
  }

  @Test
  void listed_valuesGivenInAdvance_areSortedWithTheirInputs() throws IOException {
    CombineSpec spec =
        CombineSpec.builder()
            .coordinate("depth", CoordinateSelector.listed(List.of(10.5, 3.5)))
            .build();

    ReferenceSet out =
        Combiner.combine(
            List.of(day("a.nc", Map.of(), Map.of()), day("b.nc", Map.of(), Map.of())), spec);

    assertThat(doubles(out, "depth/0")).containsExactly(3.5, 10.5);
    assertThat(out.get("tas/0.0")).contains(ref("b.nc", 0));
  }

  @Test
  void constant_singleInput_addsADimensionOfLengthOne() throws IOException {
    CombineSpec spec =
        CombineSpec.builder().coordinate("model", CoordinateSelector.constant("esm")).build();

    ReferenceSet out = Combiner.combine(List.of(day("a.nc", Map.of(), Map.of())), spec);

    assertThat(meta(out, "tas/.zarray")).containsEntry("shape", List.of(1L, 3L));
    assertThat(out.get("tas/0.0")).contains(ref("a.nc", 0));
    assertThat(
            new String(
                ((io.refzarr.refs.Reference.Inline) out.get("model/0").orElseThrow()).data(),
                java.nio.charset.Charset.forName("UTF-32LE")))
        .isEqualTo("esm");
  }

  @Test
  void function_javaFunction_computesTheCoordinateFromTheInput() throws IOException {
    CombineSpec spec =
        CombineSpec.builder()
            .coordinate(
                "year",
                CoordinateSelector.function(
                    in ->
                        Long.parseLong(in.name().substring(0, 4))
                            + ((Number) in.attributes("").get("offset")).longValue()))
            .build();

    ReferenceSet out =
        Combiner.combine(
            List.of(
                day("2001.nc", Map.of("offset", 0L), Map.of()),
                day("1999.nc", Map.of("offset", 1L), Map.of())),
            spec);

    assertThat(longsOf(out, "year/0")).containsExactly(2000, 2001);
    assertThat(out.get("tas/0.0")).contains(ref("1999.nc", 0));
  }

  @Test
  void varName_withVarDimension_stacksDifferentlyNamedVariablesIntoOneArray() throws IOException {
    CombineSpec spec =
        CombineSpec.builder()
            .concatDims("varname", CombineSpec.VAR)
            .coordinate("varname", "VARNAME")
            .coordinate(CombineSpec.VAR, "output")
            .build();
    CombineInput tas =
        new Synthetic("tas.nc")
            .variable("tas", List.of("x"), new long[] {3}, new long[] {3})
            .input();
    CombineInput pr =
        new Synthetic("pr.nc").variable("pr", List.of("x"), new long[] {3}, new long[] {3}).input();

    ReferenceSet out = Combiner.combine(List.of(tas, pr), spec);

    assertThat(out.get("output/0.0")).contains(ref("pr.nc", 0));
    assertThat(out.get("output/1.0")).contains(ref("tas.nc", 0));
    assertThat(out.get("tas/.zarray")).isEmpty();
    assertThat(meta(out, "output/.zattrs"))
        .containsEntry("_ARRAY_DIMENSIONS", List.of("varname", "x"));
    byte[] names = ((io.refzarr.refs.Reference.Inline) out.get("varname/0").orElseThrow()).data();
    assertThat(meta(out, "varname/.zarray")).containsEntry("dtype", "<U3");
    assertThat(new String(names, java.nio.charset.Charset.forName("UTF-32LE")))
        .isEqualTo("pr\0tas");
  }

  @Test
  void values_shuffledZlibCoordinate_decodedThroughTheCodecs() throws IOException {
    CombineInput a = compressedTimes("a.nc", 10, 11);
    CombineInput b = compressedTimes("b.nc", 12, 13);

    ReferenceSet out =
        Combiner.combine(List.of(b, a), CombineSpec.builder().concatDims("time").build());

    assertThat(doubles(out, "time/0")).containsExactly(10, 11, 12, 13);
    assertThat(out.get("tas/2.0")).contains(ref("b.nc", 0));
  }

  /** time as one shuffle + zlib chunk of 4 slots (2 used), as netCDF4 writes coordinates. */
  private static CombineInput compressedTimes(String target, double t0, double t1) {
    java.nio.ByteBuffer raw =
        java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    raw.putDouble(t0).putDouble(t1).putDouble(0).putDouble(0);
    byte[] shuffled = new byte[32];
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 8; k++) {
        shuffled[k * 4 + i] = raw.array()[i * 8 + k];
      }
    }
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(4);
    deflater.setInput(shuffled);
    deflater.finish();
    byte[] buf = new byte[256];
    byte[] zipped = java.util.Arrays.copyOf(buf, deflater.deflate(buf));
    return new Synthetic(target)
        .put(
            "time/.zarray",
            Synthetic.inline(
                Synthetic.zarray(
                    new long[] {2},
                    new long[] {4},
                    Map.of(
                        "dtype",
                        "<f8",
                        "filters",
                        List.of(
                            Map.of("id", "shuffle", "elementsize", 8L),
                            Map.of("id", "zlib", "level", 4L))))))
        .put("time/.zattrs", Synthetic.inline(Map.of("_ARRAY_DIMENSIONS", List.of("time"))))
        .put("time/0", new io.refzarr.refs.Reference.Inline(zipped))
        .variable("tas", List.of("time", "x"), new long[] {2, 3}, new long[] {1, 3})
        .input();
  }
}
