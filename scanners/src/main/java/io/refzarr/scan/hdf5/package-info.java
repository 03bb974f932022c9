/**
 * The HDF5 / netCDF4 scanner (kerchunk's {@code SingleHdf5ToZarr}): {@link
 * io.refzarr.scan.hdf5.Hdf5Scanner} is the entry point; everything else here is package-private
 * machinery. jhdf parses the file through a read-ahead block cache over any byte source ({@code
 * BlockCacheChannel}), every read's claimed size checked against the file before jhdf allocates it
 * ({@code CheckedStorage}, failing with a {@code DamagedStructureException}); {@code Hdf5Walker}
 * visits groups and datasets, {@code DatatypeMapper}, {@code FilterMapper}, {@code FillValues} and
 * {@code AttributeMapper} translate HDF5 metadata to Zarr v2 as kerchunk does, {@code ChunkLocator}
 * lists chunk byte ranges from every chunk index type, and {@code DimensionScales} names dimensions
 * ({@code _ARRAY_DIMENSIONS}). Where jhdf 0.13 falls short, small workarounds keep a failure with
 * its object: {@code HeaderMessages} frames an object header itself and has jhdf decode each
 * message alone (one attribute jhdf cannot decode loses only itself, not the header), {@code
 * GroupListing} lists a group link by link when jhdf cannot list it whole, {@code SharedDatatypes}
 * follows a shared datatype message to its committed datatype (jhdf parses the pointer as a
 * datatype), and {@code Failures} words jhdf's exceptions for the scan report.
 */
package io.refzarr.scan.hdf5;
