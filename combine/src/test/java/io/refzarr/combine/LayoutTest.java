package io.refzarr.combine;

import static io.refzarr.combine.Synthetic.doubles;
import static io.refzarr.combine.Synthetic.longsOf;
import static io.refzarr.combine.Synthetic.meta;
import static io.refzarr.combine.Synthetic.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Several concat dimensions, new dimensions, batching, identical arrays and the hooks. */
class LayoutTest {

  /** Member m (from the name) x a block of two time steps, tas (time, x) chunked (1, 3). */
  private static CombineInput member(int m, double t0) {
    return new Synthetic("m" + m + "_t" + (int) t0 + ".nc")
        .coord("time", t0, t0 + 1)
        .coord("x", 10, 20, 30)
        .variable("tas", List.of("time", "x"), new long[] {2, 3}, new long[] {1, 3})
        .input();
  }

  private static List<CombineInput> grid() {
    List<CombineInput> inputs = new ArrayList<>();
    for (int m = 1; m <= 2; m++) {
      for (double t0 : new double[] {0, 2, 4}) {
        inputs.add(member(m, t0));
      }
    }
    return inputs;
  }

  private static CombineSpec.Builder gridSpec() {
    return CombineSpec.builder()
        .concatDims("member", "time")
        .coordinate("member", "re:^m(\\d)")
        .cooDtype("member", "<i8")
        .identicalDims("x");
  }

  @Test
  void combine_twoConcatDims_placesEveryInputOnTheGrid() throws IOException {
    ReferenceSet out = Combiner.combine(grid(), gridSpec().build());

    assertThat(meta(out, "tas/.zarray"))
        .containsEntry("shape", List.of(2L, 6L, 3L))
        .containsEntry("chunks", List.of(1L, 1L, 3L));
    assertThat(meta(out, "tas/.zattrs"))
        .containsEntry("_ARRAY_DIMENSIONS", List.of("member", "time", "x"));
    assertThat(longsOf(out, "member/0")).containsExactly(1, 2);
    assertThat(doubles(out, "time/0")).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(out.get("tas/0.0.0")).contains(ref("m1_t0.nc", 0));
    assertThat(out.get("tas/1.3.0")).contains(ref("m2_t2.nc", 1));
    assertThat(out.get("tas/1.4.0")).contains(ref("m2_t4.nc", 0));
    assertThat(doubles(out, "x/0")).containsExactly(10, 20, 30);
    assertThat(out.keys().filter(k -> k.startsWith("tas/") && !k.contains(".z")).count())
        .isEqualTo(12);
  }

  @Test
  void combine_anyInputOrderAndBatchSize_givesTheSameReferences() throws IOException {
    byte[] expected = GoldenSeriesCombineTest.json(Combiner.combine(grid(), gridSpec().build()));
    for (int batch = 1; batch <= 4; batch++) {
      List<CombineInput> shuffled = new ArrayList<>(grid());
      Collections.shuffle(shuffled, new Random(batch));

      ReferenceSet out =
          Combiner.combine(
              shuffled,
              gridSpec().batchSize(batch).parallelism(2).retainSmallInputs(batch % 2 == 0).build());

      assertThat(new String(GoldenSeriesCombineTest.json(out)))
          .as("batch %d", batch)
          .isEqualTo(new String(expected));
    }
  }

  @Test
  void combine_dimensionCoordinate_copiedFromTheFirstInputInCoordinateOrder() throws IOException {
    CombineSpec spec = CombineSpec.builder().concatDims("time").build();

    ReferenceSet out =
        Combiner.combine(List.of(withX("late.nc", 5, 1), withX("early.nc", 4, 7)), spec);

    assertThat(doubles(out, "x/0")).containsExactly(7, 8, 9);
  }

  @Test
  void combine_identicalDim_isCheckedToBeIdentical() throws IOException {
    CombineSpec spec = CombineSpec.builder().concatDims("time").identicalDims("x").build();

    ReferenceSet same =
        Combiner.combine(List.of(withX("late.nc", 5, 7), withX("early.nc", 4, 7)), spec);
    assertThat(doubles(same, "x/0")).containsExactly(7, 8, 9);
    // as kerchunk, this took early.nc's x for late.nc's data without a word
    assertThatThrownBy(
            () -> Combiner.combine(List.of(withX("late.nc", 5, 1), withX("early.nc", 4, 7)), spec))
        .isInstanceOfSatisfying(
            CombineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(CombineException.Reason.CONFLICT);
              assertThat(e.inputs()).containsExactlyInAnyOrder("late.nc", "early.nc");
              assertThat(e.getMessage()).contains("x is an identical dimension");
            });
  }

  /** An input at {@code time} whose x holds first, first + 1, first + 2. */
  private static CombineInput withX(String name, double time, double first) {
    return new Synthetic(name)
        .coord("time", time)
        .coord("x", first, first + 1, first + 2)
        .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
        .input();
  }

  @Test
  void combine_hooks_preprocessPostprocessDropAndProgressAreApplied() throws IOException {
    List<String> progress = Collections.synchronizedList(new ArrayList<>());
    CombineInput a =
        new Synthetic("a.nc")
            .coord("time", 0)
            .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .variable("junk", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .variable("pr", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .input();
    CombineInput b =
        new Synthetic("b.nc")
            .coord("time", 1)
            .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .variable("junk", List.of("time", "x"), new long[] {1, 4}, new long[] {1, 4})
            .variable("pr", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .input();
    CombineSpec spec =
        CombineSpec.builder()
            .concatDims("time")
            .dropVariables("junk")
            .preprocess(set -> renamed(set, "pr", "precip"))
            .postprocess(
                (key, ref, sink) -> {
                  if (!key.startsWith("tas/")) {
                    sink.put(key, ref);
                  }
                })
            .progress((phase, done, total) -> progress.add(phase + " " + done + "/" + total))
            .batchSize(1)
            .retainSmallInputs(false)
            .build();

    ReferenceSet out = Combiner.combine(List.of(a, b), spec);

    assertThat(out.keys().collect(Collectors.toList()))
        .noneMatch(k -> k.startsWith("tas/") || k.startsWith("junk/") || k.startsWith("pr/"));
    assertThat(out.get("precip/1.0")).contains(ref("b.nc", 0));
    assertThat(progress).contains("COORDINATES 2/2", "REFERENCES 1/2", "REFERENCES 2/2");
  }

  @Test
  void combine_smallReferencesBelowThreshold_fetchedAndInlined(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    byte[] bytes = new byte[4000];
    new Random(7).nextBytes(bytes);
    java.nio.file.Files.write(dir.resolve("a.bin"), bytes);
    java.nio.file.Files.write(dir.resolve("b.bin"), bytes);
    CombineSpec spec =
        CombineSpec.builder()
            .concatDims("time")
            .targets(ReferenceFileSystemConfig.builder().root(dir).build())
            .inlineThreshold(601)
            .build();

    ReferenceSet out =
        Combiner.combine(
            List.of(Synthetic.series("a.bin", 1, 0, 1), Synthetic.series("b.bin", 1, 2, 3)), spec);

    assertThat(out.get("tas/3.0"))
        .contains(new Reference.Inline(java.util.Arrays.copyOfRange(bytes, 1000, 1600)));
  }

  @Test
  void combine_arraysInNestedGroups_keepTheirPathsAndGroupMetadata() throws IOException {
    CombineInput a =
        new Synthetic("a.nc")
            .coord("time", 0)
            .put("obs/.zgroup", Synthetic.inline(Map.of("zarr_format", 2L)))
            .put("obs/.zattrs", Synthetic.inline(Map.of("source", "station")))
            .variable("obs/temp", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .input();
    CombineInput b =
        new Synthetic("b.nc")
            .coord("time", 1)
            .put("obs/.zgroup", Synthetic.inline(Map.of("zarr_format", 2L)))
            .put("obs/.zattrs", Synthetic.inline(Map.of("source", "station")))
            .variable("obs/temp", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
            .input();

    ReferenceSet out =
        Combiner.combine(List.of(b, a), CombineSpec.builder().concatDims("time").build());

    assertThat(meta(out, "obs/.zattrs")).containsEntry("source", "station");
    assertThat(meta(out, "obs/temp/.zarray")).containsEntry("shape", List.of(2L, 3L));
    assertThat(out.get("obs/temp/1.0")).contains(ref("b.nc", 0));
    assertThat(doubles(out, "time/0")).containsExactly(0, 1);
  }

  /** A preprocess: the set with one variable's keys renamed. */
  private static ReferenceSet renamed(ReferenceSet set, String from, String to) throws IOException {
    ReferenceSetBuilder b = ReferenceSets.builder();
    for (String key : set.keys().collect(Collectors.toList())) {
      b.put(
          key.startsWith(from + "/") ? to + key.substring(from.length()) : key,
          set.get(key).orElseThrow());
    }
    return b.build();
  }
}
