/**
 * Reading Zarr arrays into Java arrays from any {@code java.nio.file.Path}: the {@code reference}
 * file system, a local Zarr directory, a zip. {@link io.refzarr.bridge.ZarrGroup} lists arrays and
 * attributes; {@link io.refzarr.bridge.ZarrArray} reads a whole array or a hyperslab ({@link
 * io.refzarr.bridge.Slice}) into {@link io.refzarr.bridge.ArrayData}, or streams it with {@code
 * readInto} straight into a file channel, a sequential channel or a buffer, in tiles, with memory
 * bounded by the chunks in flight. Zarr v2 and v3 (regular grid, one level of sharding); the codecs
 * kerchunk and refzarr's scanners emit, with an own pure-Java Blosc. Errors are {@code
 * IOException}s: {@link io.refzarr.bridge.ZarrFormatException} for metadata, {@link
 * io.refzarr.bridge.ChunkDecodeException} (naming array and chunk) for bad chunk bytes, {@code
 * NoSuchFileException} for what is absent. Missing chunks read as the fill value.
 */
package io.refzarr.bridge;
