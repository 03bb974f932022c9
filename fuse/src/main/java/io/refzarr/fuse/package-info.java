/**
 * Mounts a reference set as a read-only directory through FUSE (jnr-fuse over {@code
 * libfuse.so.2}), for tools that read files: zarr-python on a directory, GDAL's Zarr driver, {@code
 * h5dump}/{@code ncdump} of a whole-file reference, shell tools.
 *
 * <p>{@link io.refzarr.fuse.FuseMount} is the API. It presents any {@code java.nio.file.Path} tree
 * (a {@code reference} file system's root, or a view of one): sizes come from the file attributes
 * (a reference's length, without reading its target), bytes from positional reads of the path's
 * channel (through the file system's block cache). Everything that would write answers {@code
 * EROFS}; a key whose target cannot be read answers {@code EIO} and one line on the log naming the
 * key, never fill bytes.
 */
package io.refzarr.fuse;
