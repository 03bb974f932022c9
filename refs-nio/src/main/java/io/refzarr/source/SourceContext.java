package io.refzarr.source;

import java.util.Map;

/**
 * What a {@link ByteRangeReaderProvider} gets to create a reader.
 *
 * @param options source options, by scheme-specific name (for example {@code s3.endpoint}); providers
 *     ignore the ones that are not theirs
 * @param registry the registry the reader belongs to, for reading through other schemes
 */
public record SourceContext(Map<String, Object> options, ByteRangeReaders registry) {
  public SourceContext {
    options = Map.copyOf(options);
  }
}
