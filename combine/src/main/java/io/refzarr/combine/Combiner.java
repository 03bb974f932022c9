package io.refzarr.combine;

import io.refzarr.internal.concurrent.Futures;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.ReferenceSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Combines many reference sets into one dataset (kerchunk's MultiZarrToZarr, {@code merge_vars} and
 * {@code concatenate_arrays}), streaming to a {@link ReferenceSink} in bounded memory.
 *
 * <pre>{@code
 * CombineSpec spec = CombineSpec.builder().concatDims("time").identicalDims("lat", "lon").build();
 * Combiner.combineToJson(inputs, spec, Path.of("combined.json"));
 * }</pre>
 *
 * <p>Unlike kerchunk, inputs that do not fit the output's chunk grid, or that disagree on
 * encodings, are refused with a {@link CombineException} naming them; output keys do not depend on
 * the input order.
 */
public final class Combiner {
  private Combiner() {}

  /**
   * Combines {@code inputs} into {@code sink} (which the caller closes), on the spec's executor or
   * else a pool of {@link CombineSpec#parallelism()} threads that lives for this run.
   */
  public static void combine(List<CombineInput> inputs, CombineSpec spec, ReferenceSink sink)
      throws IOException {
    ExecutorService own =
        spec.executor().isPresent() ? null : Futures.newPool("refzarr-combine", spec.parallelism());
    try (ReferenceReader bytes = ReferenceReader.create(spec.targets())) {
      InputOpener opener = new InputOpener(spec, bytes, new BridgeChunkDecoder());
      new TwoPassCombine(spec, opener, spec.executor().orElse(own)).run(List.copyOf(inputs), sink);
    } finally {
      if (own != null) {
        own.shutdownNow(); // the run's own pool only: a caller's executor is the caller's to shut
        // down
      }
    }
  }

  /**
   * Extends {@code existing}, a set combined earlier, with {@code inputs} along the concat
   * dimensions (kerchunk's append mode). A combined set is an input like any other: its coordinates
   * are read in the first pass and its references copied, streaming, in the second; the result is
   * the set that combining the existing set's own inputs and the new ones would give, and the same
   * refusals apply (overlapping or interleaved coordinates, mismatched encodings).
   */
  public static void append(
      CombineInput existing, List<CombineInput> inputs, CombineSpec spec, ReferenceSink sink)
      throws IOException {
    List<CombineInput> all = new java.util.ArrayList<>(inputs.size() + 1);
    all.add(existing);
    all.addAll(inputs);
    combine(all, spec, sink);
  }

  /** Combines {@code inputs} into an in-memory set. */
  public static ReferenceSet combine(List<CombineInput> inputs, CombineSpec spec)
      throws IOException {
    ReferenceSetBuilder builder = ReferenceSets.builder();
    combine(inputs, spec, builder);
    return builder.build();
  }

  /** Combines {@code inputs} into a JSON file, written atomically. */
  public static void combineToJson(List<CombineInput> inputs, CombineSpec spec, Path json)
      throws IOException {
    ReferenceSets.writeJson(combine(inputs, spec), json);
  }

  /**
   * kerchunk's {@code merge_vars}: the union of sets that hold different variables. Unlike
   * kerchunk, a key present in several inputs with different references is refused (root {@code
   * .zattrs} are merged).
   */
  public static void mergeVars(List<CombineInput> inputs, ReferenceSink sink) throws IOException {
    new VariableMerge().run(inputs, sink);
  }

  /**
   * kerchunk's {@code concatenate_arrays} with {@code check_arrays=True}: appends the array at
   * {@code path} of each input along {@code axis}, in the given order.
   */
  public static void concatenateArrays(
      List<CombineInput> inputs, String path, int axis, ReferenceSink sink) throws IOException {
    new ArrayConcatenation(path, axis).run(inputs, sink);
  }
}
