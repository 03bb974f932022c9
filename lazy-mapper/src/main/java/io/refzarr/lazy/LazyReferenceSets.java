package io.refzarr.lazy;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.source.TargetResolver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Static factories for Parquet reference sets (fsspec's {@code LazyReferenceMapper} layout): open
 * one lazily, write one from a set, or stream references into one.
 *
 * <pre>{@code
 * try (LazyReferenceSet refs = LazyReferenceSets.open(Path.of("combined.parq"))) {
 *   Optional<Reference> r = refs.get("tas/0.0.0");
 * }
 * LazyReferenceSets.write(ReferenceSets.readJson(json), Path.of("out.parq"), WriteOptions.DEFAULT);
 * }</pre>
 */
public final class LazyReferenceSets {
  private LazyReferenceSets() {}

  /** Opens a Parquet reference directory with the default cache. Reads only {@code .zmetadata}. */
  public static LazyReferenceSet open(Path root) throws IOException {
    return open(root, LazyOptions.DEFAULT);
  }

  /**
   * Opens a Parquet reference directory (on any NIO file system). Reads only {@code .zmetadata}.
   */
  public static LazyReferenceSet open(Path root, LazyOptions options) throws IOException {
    RecordSource source = RecordSource.of(root);
    return new ParquetReferenceSet(source, ZMetadata.read(source), options);
  }

  /**
   * Opens a Parquet reference directory at a URL ({@code http://host/refs.parq/}, {@code
   * s3://bucket/x.parq}) whose files are read by ranged requests through {@code sources} (which the
   * caller keeps and closes).
   */
  public static LazyReferenceSet open(URI root, ByteRangeReaders sources, LazyOptions options)
      throws IOException {
    RecordSource source = RecordSource.of(root, sources.forTarget(root));
    return new ParquetReferenceSet(source, ZMetadata.read(source), options);
  }

  /**
   * Checks every chunk reference of a set opened here against its target's size (one size request
   * per distinct target).
   *
   * @throws io.refzarr.refs.InvalidReferenceSetException naming the record file, row and key of the
   *     first reference that points past the end of its target or at a target that cannot be read
   */
  public static void verifyTargets(
      LazyReferenceSet set, TargetResolver resolver, ByteRangeReaders sources) throws IOException {
    if (!(set instanceof ParquetReferenceSet)) {
      throw new IllegalArgumentException("not a set opened by LazyReferenceSets: " + set);
    }
    ((ParquetReferenceSet) set).verifyTargets(resolver, sources);
  }

  /**
   * A streaming writer into {@code out}: {@code close()} publishes the directory atomically, {@code
   * abort()} discards it.
   */
  public static ParquetReferenceWriter writer(Path out, WriteOptions options) throws IOException {
    return new ParquetReferenceWriter(out, options);
  }

  /**
   * Writes every key of {@code set} as a Parquet reference directory at {@code out}, atomically.
   */
  public static void write(ReferenceSet set, Path out, WriteOptions options) throws IOException {
    ParquetReferenceWriter writer = writer(out, options);
    try {
      ReferenceSets.copy(set, writer);
    } catch (IOException | RuntimeException | Error e) {
      writer.abort();
      throw e;
    }
    writer.close();
  }
}
