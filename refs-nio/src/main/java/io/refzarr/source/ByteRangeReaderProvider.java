package io.refzarr.source;

import java.io.IOException;
import java.util.Set;

/**
 * Creates {@link ByteRangeReader}s for some URL schemes. Installed providers are found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/io.refzarr.source.ByteRangeReaderProvider}); a
 * provider for a scheme overrides the built-in one.
 */
public interface ByteRangeReaderProvider {

  /** The lower-case URL schemes this provider reads, such as {@code "s3"}. */
  Set<String> schemes();

  /**
   * Creates a reader for one file system. {@code context} carries the options the user gave (like
   * fsspec's {@code remote_options}) and the registry, so a reader can read its container through
   * another reader (an archive member on S3).
   */
  ByteRangeReader create(SourceContext context) throws IOException;
}
