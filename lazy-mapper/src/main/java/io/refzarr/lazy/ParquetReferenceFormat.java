package io.refzarr.lazy;

import io.refzarr.refs.ReadOptions;
import io.refzarr.refs.ReferenceOutput;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetFormat;
import io.refzarr.refs.SinkOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The Parquet directory form, registered with {@link java.util.ServiceLoader} so that {@code
 * ReferenceSets.open} and {@code FileSystems.newFileSystem(dir)} open Parquet reference directories
 * like JSON files, and {@code ReferenceSets.sink} writes them. A directory is recognised by its
 * {@code .zmetadata}, or by a {@code .parq}/{@code .parquet} name (then a missing {@code
 * .zmetadata} is reported as such). An output is written as Parquet when its name ends in {@code
 * .parq} or {@code .parquet} (any case) or it is an existing Parquet reference directory. For
 * ServiceLoader only.
 */
public final class ParquetReferenceFormat implements ReferenceSetFormat {

  @Override
  public String name() {
    return "parquet";
  }

  @Override
  public boolean recognizes(Path location) {
    return Files.isDirectory(location)
        && (isReferenceDirectory(location) || hasParquetName(location));
  }

  @Override
  public boolean writes(Path location) {
    return hasParquetName(location) || isReferenceDirectory(location);
  }

  @Override
  public ReferenceOutput output(Path location, SinkOptions options) throws IOException {
    return LazyReferenceSets.writer(
        location, WriteOptions.DEFAULT.withRecordSize(options.recordSize()));
  }

  private static boolean isReferenceDirectory(Path location) {
    return Files.isDirectory(location) && Files.exists(location.resolve(ZMetadata.FILE));
  }

  private static boolean hasParquetName(Path location) {
    Path name = location.getFileName();
    String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".parq") || n.endsWith(".parquet");
  }

  @Override
  public ReferenceSet open(Path location, ReadOptions options) throws IOException {
    return LazyReferenceSets.open(location);
  }
}
