/**
 * Operations on reference sets, after scanning and combining (kerchunk's {@code kerchunk.utils}):
 * embed small ranges ({@link io.refzarr.ops.ReferenceOps#inline inline}), relocate targets ({@link
 * io.refzarr.ops.ReferenceOps#renameTargets renameTargets}), turn archive-member references into
 * ranges of the archive ({@link io.refzarr.ops.ReferenceOps#dereference dereference}), check a set
 * against its targets ({@link io.refzarr.ops.ReferenceOps#verify verify}), factor target
 * directories into templates ({@link io.refzarr.ops.ReferenceOps#consolidate consolidate}), split
 * uncompressed chunks ({@link io.refzarr.ops.ReferenceOps#subchunk subchunk}) and embed small
 * arrays whole ({@link io.refzarr.ops.ReferenceOps#inlineArrays inlineArrays}).
 *
 * <p>Every operation reads any {@link io.refzarr.refs.ReferenceSet} key by key ({@code set.keys()})
 * and writes into a {@link io.refzarr.refs.ReferenceSink}, so a Parquet set of millions of
 * references goes through in bounded memory when the sink streams (the Parquet output of {@link
 * io.refzarr.refs.ReferenceSets#sink}); {@code consolidate} writes JSON itself, and {@code
 * inlineArrays} holds the values of the arrays it embeds. Bytes are read only through {@link
 * io.refzarr.nio.ReferenceReader}, chunks decoded only with zarr-bridge's codecs; {@code .zarray}
 * rewrites live in one place ({@code ZarrayEdits}), the walk over a set's keys in another ({@code
 * KeyWalk}), and which array a key belongs to in a third ({@code ArrayPaths}: chunk keys with the
 * {@code /} dimension separator lie below their array's directory). {@code inline} fetches a few
 * batches at once on a pool of its own per run (the executor policy of {@code
 * io.refzarr.internal.concurrent.Futures}).
 */
package io.refzarr.ops;
