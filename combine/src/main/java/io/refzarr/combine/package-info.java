/** Many reference sets into one dataset along dimensions (kerchunk's MultiZarrToZarr), streaming, in parallel, with tree reduction. */
package io.refzarr.combine;
