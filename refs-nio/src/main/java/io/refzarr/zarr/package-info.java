/**
 * The Zarr metadata model shared by every refzarr module: array metadata ({@code .zarray}), the regular
 * chunk grid and its key encoding, and well-known key names. Pure values, no I/O.
 */
package io.refzarr.zarr;
