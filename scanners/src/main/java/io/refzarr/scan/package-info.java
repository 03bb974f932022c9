/**
 * Scanners: generators that read a data file once (through any byte source) and emit the references
 * of its chunks as a Zarr v2 reference set, as kerchunk's {@code SingleHdf5ToZarr} and {@code
 * NetCDF3ToZarr} do. {@link io.refzarr.scan.Scanners} gives the scanners; each implements {@link
 * io.refzarr.scan.Scanner}. Format-specific machinery lives in package-private subpackages.
 */
package io.refzarr.scan;
