/**
 * The reference model and its JSON form.
 *
 * <p>A {@link io.refzarr.refs.ReferenceSet} maps Zarr store keys to {@link
 * io.refzarr.refs.Reference}s: inline bytes, a byte range of a target, or a whole target. {@link
 * io.refzarr.refs.ReferenceSets} reads and writes kerchunk's JSON reference sets (versions 0 and 1,
 * with {@code templates} and {@code gen}) in a compact in-memory form: per array, struct-of-arrays
 * over the chunk grid, each distinct target stored once. Other storage forms (Parquet, see the
 * lazy-mapper module) plug in through {@link io.refzarr.refs.ReferenceSetFormat}, for reading
 * ({@link io.refzarr.refs.ReferenceSets#open}) and for writing: {@link
 * io.refzarr.refs.ReferenceSets#sink} picks an output's form by one rule and returns a {@link
 * io.refzarr.refs.ReferenceOutput} that appears atomically.
 */
package io.refzarr.refs;
