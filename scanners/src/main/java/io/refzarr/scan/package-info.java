/**
 * Scanners: generators that read a data file once (through any byte source) and emit the references
 * of its chunks as a Zarr v2 reference set, as kerchunk's {@code SingleHdf5ToZarr} and {@code
 * NetCDF3ToZarr} do. {@link io.refzarr.scan.Scanners} gives the scanners; each implements {@link
 * io.refzarr.scan.Scanner}. {@link io.refzarr.scan.Scanners#scan} is the one way a file is scanned
 * (scanner told by its first bytes, archive members dereferenced); {@link
 * io.refzarr.scan.Scanners#scanAll} scans many files concurrently, each to its own set (simple
 * parallel). Format-specific machinery lives in package-private subpackages.
 */
package io.refzarr.scan;
