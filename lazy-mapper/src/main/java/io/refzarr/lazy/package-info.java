/**
 * fsspec's Parquet reference layout ({@code LazyReferenceMapper}), written streaming and read
 * lazily.
 *
 * <p>Public: {@link io.refzarr.lazy.LazyReferenceSets} (open, write, writer), the options records
 * {@link io.refzarr.lazy.LazyOptions} and {@link io.refzarr.lazy.WriteOptions}, {@link
 * io.refzarr.lazy.LazyReferenceSet} with its {@link io.refzarr.lazy.CacheMetrics}, the streaming
 * {@link io.refzarr.lazy.ParquetReferenceWriter}, and {@link
 * io.refzarr.lazy.ParquetReferenceFormat}, the ServiceLoader entry that lets {@code
 * ReferenceSets.open} and the {@code reference} file system open Parquet directories.
 *
 * <p>Layout: {@code .zmetadata} holds {@code record_size} and every metadata document as a JSON
 * object; chunk {@code n} (C order over the array's chunk grid) of array {@code <field>} is row
 * {@code n % record_size} of {@code <field>/refs.<n / record_size>.parq}, columns {@code path},
 * {@code offset}, {@code size}, {@code raw}. Machinery (package-private): {@code ZMetadata}, {@code
 * RecordCache} (Caffeine, bounded by bytes), {@code RecordFile}/{@code RowBlock} (page-level reads:
 * for the files refzarr and fsspec write, footer, page headers and pages read by refzarr itself
 * with no parquet-java class loaded — {@code RecordFooter} and {@code DirectPages} over the
 * bounds-checked Thrift reader {@code CompactReader}, {@code HybridRuns}, {@code DeltaPacked},
 * {@code ChunkBodies}; anything else through parquet-java, pages decoded by {@code
 * SinglePageBlocks}), {@code RecordWriter}/{@code RecordBuffer}, {@code Codecs} (own codec
 * factory), {@code RecordSource} with {@code NioInputFile}/{@code NioOutputFile} and {@code
 * BufferStream} (record files on any NIO file system, never {@code toFile()}, or at a URL read
 * through refs-nio's byte sources).
 */
package io.refzarr.lazy;
