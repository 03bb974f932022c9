/**
 * The Zarr metadata model shared by every refzarr module: array metadata ({@code .zarray}, read and
 * written through {@link io.refzarr.zarr.ZarrArrayMetadata}), group metadata ({@code .zgroup}),
 * numpy dtypes ({@link io.refzarr.zarr.DType}), the regular chunk grid and its key encoding, and
 * well-known key names. Pure values, no I/O: scanners and combine build documents here rather than
 * by hand, and readers derive their own views (zarr-bridge's decoder types) from these.
 */
package io.refzarr.zarr;
