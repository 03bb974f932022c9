/**
 * The reference model and its JSON form.
 *
 * <p>A {@link io.refzarr.refs.ReferenceSet} maps Zarr store keys to {@link io.refzarr.refs.Reference}s:
 * inline bytes, a byte range of a target, or a whole target. {@link io.refzarr.refs.ReferenceSets} reads
 * and writes kerchunk's JSON reference sets (versions 0 and 1, with {@code templates} and {@code gen}) in a
 * compact in-memory form: per array, struct-of-arrays over the chunk grid, each distinct target stored
 * once. Other storage forms (Parquet, see the lazy-mapper module) plug in through
 * {@link io.refzarr.refs.ReferenceSetFormat}.
 */
package io.refzarr.refs;
