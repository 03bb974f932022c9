/**
 * Serves a reference set over HTTP as a static Zarr store, for readers outside the JVM (zarr-python
 * through fsspec's HTTP file system, GDAL's {@code /vsicurl/}, browsers).
 *
 * <p>{@link io.refzarr.serve.ZarrHttpServer} is the API. It serves any {@code java.nio.file.Path}
 * tree (a {@code reference} file system's root, or a view of one), so it knows nothing of
 * references: sizes come from the file attributes (a reference's length, without reading its
 * target) and bytes from the path's channel (through the file system's block cache). {@code GET}
 * answers single {@code Range} requests with 206, {@code HEAD} gives the length, a missing key is
 * 404, a directory is a small HTML listing, and {@code .zmetadata} is built from the tree's
 * metadata keys when the set has none. A key whose target cannot be read is 502 (and one line on
 * the log naming the key), never a fill value or partial bytes.
 */
package io.refzarr.serve;
