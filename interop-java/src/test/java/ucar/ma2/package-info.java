/**
 * A test-only stand-in for the few classes of netcdf-java's {@code ucar.ma2} that jzarr and
 * zarr-java use as their array container, written for refzarr from the member list their jars
 * reference ({@code jdeps}): {@code edu.ucar:cdm-core} is not on Maven Central, so without a
 * stand-in neither reader can return an array. Strided views over one Java array (C order),
 * iterators and conversions; nothing of the readers' stores, metadata or codecs is replaced. Not
 * netcdf-java's code, and not a general implementation.
 */
package ucar.ma2;
