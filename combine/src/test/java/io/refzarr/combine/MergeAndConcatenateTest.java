package io.refzarr.combine;

import static io.refzarr.combine.Synthetic.meta;
import static io.refzarr.combine.Synthetic.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kerchunk's merge_vars and concatenate_arrays, with refusals where kerchunk silently overrides.
 */
class MergeAndConcatenateTest {

  private static CombineInput oneVar(String target, String var, Map<String, Object> attrs) {
    return new Synthetic(target)
        .attrs(attrs)
        .coord("x", 1, 2, 3)
        .variable(var, List.of("x"), new long[] {3}, new long[] {3})
        .input();
  }

  @Test
  void mergeVars_setsWithDifferentVariables_unionOfKeysAndAttributes() throws IOException {
    ReferenceSetBuilder out = ReferenceSets.builder();

    Combiner.mergeVars(
        List.of(
            oneVar("tas.nc", "tas", Map.of("title", "t", "a", 1L)),
            oneVar("pr.nc", "pr", Map.of("title", "t", "b", 2L))),
        out);

    ReferenceSet set = out.build();
    assertThat(set.get("tas/0")).contains(ref("tas.nc", 0));
    assertThat(set.get("pr/0")).contains(ref("pr.nc", 0));
    assertThat(meta(set, ".zattrs"))
        .containsEntry("a", 1L)
        .containsEntry("b", 2L)
        .containsEntry("title", "t");
  }

  @Test
  void mergeVars_sameKeyWithDifferentReferences_refusedNamingBoth() {
    assertThatThrownBy(
            () ->
                Combiner.mergeVars(
                    List.of(oneVar("a.nc", "tas", Map.of()), oneVar("b.nc", "tas", Map.of())),
                    ReferenceSets.builder()))
        .isInstanceOfSatisfying(
            CombineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(CombineException.Reason.KEY_COLLISION);
              assertThat(e.inputs()).containsExactly("a.nc", "b.nc");
            });
  }

  @Test
  void mergeVars_conflictingGlobalAttribute_refused() {
    assertThatThrownBy(
            () ->
                Combiner.mergeVars(
                    List.of(
                        oneVar("a.nc", "tas", Map.of("title", "x")),
                        oneVar("b.nc", "pr", Map.of("title", "y"))),
                    ReferenceSets.builder()))
        .isInstanceOf(CombineException.class)
        .hasMessageContaining("title");
  }

  private static CombineInput block(String target, long n, long chunk) {
    return new Synthetic(target)
        .variable("data", List.of("i", "j"), new long[] {n, 2}, new long[] {chunk, 2})
        .input();
  }

  @Test
  void concatenateArrays_alongAxis0_offsetsChunkIndicesAndSumsTheShape() throws IOException {
    ReferenceSetBuilder out = ReferenceSets.builder();

    Combiner.concatenateArrays(List.of(block("a.nc", 4, 2), block("b.nc", 3, 2)), "data", 0, out);

    ReferenceSet set = out.build();
    assertThat(meta(set, "data/.zarray")).containsEntry("shape", List.of(7L, 2L));
    assertThat(set.get("data/1.0")).contains(ref("a.nc", 1));
    assertThat(set.get("data/2.0")).contains(ref("b.nc", 0));
    assertThat(set.get("data/3.0")).contains(ref("b.nc", 1));
  }

  @Test
  void concatenateArrays_partialChunkBeforeTheLast_refused() {
    assertThatThrownBy(
            () ->
                Combiner.concatenateArrays(
                    List.of(block("a.nc", 3, 2), block("b.nc", 4, 2)),
                    "data",
                    0,
                    ReferenceSets.builder()))
        .isInstanceOfSatisfying(
            CombineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(CombineException.Reason.MISALIGNED);
              assertThat(e.inputs()).containsExactly("a.nc");
            });
  }

  @Test
  void concatenateArrays_differentChunks_refused() {
    assertThatThrownBy(
            () ->
                Combiner.concatenateArrays(
                    List.of(block("a.nc", 4, 2), block("b.nc", 4, 4)),
                    "data",
                    0,
                    ReferenceSets.builder()))
        .isInstanceOfSatisfying(
            CombineException.class,
            e -> assertThat(e.reason()).isEqualTo(CombineException.Reason.CHUNK_MISMATCH));
  }
}
