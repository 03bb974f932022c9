package io.refzarr.lazy;

import io.refzarr.refs.ReadOptions;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The Parquet directory form, registered with {@link java.util.ServiceLoader} so that
 * {@code ReferenceSets.open} and {@code FileSystems.newFileSystem(dir)} open Parquet reference directories
 * like JSON files. A directory is recognised by its {@code .zmetadata}, or by a {@code .parq}/{@code
 * .parquet} name (then a missing {@code .zmetadata} is reported as such). For ServiceLoader only.
 */
public final class ParquetReferenceFormat implements ReferenceSetFormat {

  @Override
  public String name() {
    return "parquet";
  }

  @Override
  public boolean recognizes(Path location) {
    if (!Files.isDirectory(location)) {
      return false;
    }
    Path name = location.getFileName();
    String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    return Files.exists(location.resolve(ZMetadata.FILE)) || n.endsWith(".parq") || n.endsWith(".parquet");
  }

  @Override
  public ReferenceSet open(Path location, ReadOptions options) throws IOException {
    return LazyReferenceSets.open(location);
  }
}
