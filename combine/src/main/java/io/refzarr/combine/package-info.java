/**
 * Many reference sets into one dataset along dimensions (kerchunk's MultiZarrToZarr, {@code
 * merge_vars}, {@code concatenate_arrays}), streaming, in parallel, with tree reduction.
 *
 * <p>API: {@link io.refzarr.combine.Combiner} (entry points), {@link
 * io.refzarr.combine.CombineSpec} (options, with a builder), {@link
 * io.refzarr.combine.CombineInput} (a named input, opened on demand), {@link
 * io.refzarr.combine.CoordinateSelector} (every {@code coo_map} form), the hooks {@link
 * io.refzarr.combine.Preprocessor}, {@link io.refzarr.combine.Postprocessor}, {@link
 * io.refzarr.combine.ProgressListener}, {@link io.refzarr.combine.ConflictResolver}, and the typed
 * refusal {@link io.refzarr.combine.CombineException}.
 *
 * <p>Design. {@code TwoPassCombine} runs two passes over the inputs on an executor: the caller's
 * ({@link io.refzarr.combine.CombineSpec.Builder#executor}, never shut down by refzarr) or a
 * bounded pool of the run's own, shut down after it; failures are unwrapped by refs-nio's one
 * policy ({@code io.refzarr.internal.concurrent.Futures}), and the first cancels the tasks not yet
 * started. The first pass ({@code CoordinateCollector}) opens each input once, derives its
 * coordinate values and the facts of its arrays ({@code InputSummary}), and folds a batch of inputs
 * into a {@code Layout}: a pure function of the batch. Layouts merge associatively and
 * commutatively (pairwise, a tree reduction), so the same step can run on Spark. {@code Plan} then
 * fixes the output: the sorted union of coordinates, each input's place ({@code Alignment} proves
 * it fits the chunk grid), and the output metadata ({@code CoordinateArrays}, {@code DataArrays},
 * with encoding conflicts settled by the caller's resolver). The second pass ({@code KeyRewriter})
 * streams each input's references, in coordinate order and a batch at a time, to the {@link
 * io.refzarr.refs.ReferenceSink}; small inputs are kept from the first pass instead of being read
 * again. "First input" always means first in coordinate order, so the output does not depend on the
 * order inputs are given in. Coordinate chunks are decoded with zarr-bridge's codecs.
 */
package io.refzarr.combine;
