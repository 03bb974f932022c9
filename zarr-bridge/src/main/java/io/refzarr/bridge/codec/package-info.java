/**
 * Chunk codecs (numcodecs ids for Zarr v2, codec names for Zarr v3), decoding only. The public
 * entry is {@link io.refzarr.bridge.codec.CodecPipeline}; every codec is package-private. Blosc is
 * an own pure-Java decoder ({@code Blosc}, {@code BloscLz}): no pure-Java Blosc exists on Maven
 * Central and a JNI one has no linux-aarch64 build, while the format is small and its hot paths
 * (inflate, lz4, zstd) are delegated to the JDK and aircompressor anyway. Every step decodes to a
 * known size or within a bound ({@code OutputSize}), so no chunk decodes to more than its array
 * needs, whatever sizes its frames claim.
 */
package io.refzarr.bridge.codec;
