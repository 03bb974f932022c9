/** fsspec's Parquet reference layout, written streaming and read lazily. */
package io.refzarr.lazy;
