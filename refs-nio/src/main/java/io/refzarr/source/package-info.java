/**
 * Byte sources: where the bytes of references come from. {@link io.refzarr.source.ByteRangeReader} is the
 * service-provider interface (one reader per URL scheme, created by a
 * {@link io.refzarr.source.ByteRangeReaderProvider} found with {@link java.util.ServiceLoader});
 * {@link io.refzarr.source.ByteRangeReaders} is the registry a file system uses, and
 * {@link io.refzarr.source.TargetResolver} turns the target strings of a reference set (URLs, absolute or
 * relative paths, the default target) into URIs. Built in: {@code file} and every other installed NIO
 * file-system provider's scheme (jimfs, zipfs, ...).
 */
package io.refzarr.source;
