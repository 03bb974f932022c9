/**
 * The netCDF3 scanner: classic (CDF-1), 64-bit offset (CDF-2) and 64-bit data (CDF-5) files to Zarr
 * v2 references, reading only the header (kerchunk's {@code NetCDF3ToZarr}, without scipy, and with
 * CDF-5).
 *
 * <p>Only {@link io.refzarr.scan.netcdf3.Netcdf3Scanner} is public; use it through {@code
 * io.refzarr.scan.Scanners.netcdf3()}. Inside: {@code FileBytes} (read-ahead and I/O counts),
 * {@code HeaderParser} (the format grammar, with hostile-size checks), {@code RecordLayout}
 * (interleaved records and their padding), {@code AttributeValues} (typed attributes, fill values)
 * and {@code ZarrEmitter} (the Zarr arrays and references).
 *
 * <p>Behaviour on damaged files: a truncated or inconsistent header, or a size that overflows 64
 * bits, throws {@link io.refzarr.scan.MalformedFileException}; a fixed variable whose data lies
 * past the end of the file fails the scan ({@code ErrorPolicy.FAIL}) or is left out and reported
 * ({@code SKIP}); when the header claims more records than the file holds, or the record count is
 * unset (streaming), the complete records present are referenced and the report says so. Records
 * cannot be grouped into larger chunks (they are interleaved with the other record variables), so a
 * record variable has one chunk per record; a small one is better inlined whole (raise the inline
 * threshold).
 */
package io.refzarr.scan.netcdf3;
