/**
 * The decoded views of the {@code reference} file system ({@code view=decoded}, {@code
 * view=zarr3}): every array presented uncompressed, so that Zarr readers which do not know
 * kerchunk's codecs (jzarr, zarr-java, N5) read every array right. {@link
 * io.refzarr.bridge.view.DecodedViewProvider} is the {@link io.refzarr.nio.ViewProvider} refs-nio
 * finds with {@code ServiceLoader}; the rest is package-private.
 *
 * <p>Chunks are decoded with zarr-bridge's {@link io.refzarr.bridge.codec.CodecPipeline} when first
 * read and kept in a cache bounded by weight; their size is computed from the metadata, so listing
 * and sizing decode nothing (except object arrays, whose chunk sizes are known only once decoded).
 * Missing chunks stay missing; a chunk that fails to decode is a {@link
 * io.refzarr.bridge.ChunkDecodeException} naming array, chunk and target.
 */
package io.refzarr.bridge.view;
