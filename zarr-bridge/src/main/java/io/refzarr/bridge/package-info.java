/** Read Zarr arrays (slices into Java arrays) from any java.nio Path, with the codecs kerchunk emits. */
package io.refzarr.bridge;
