package io.refzarr.source;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link ByteRangeReaderProvider} gets to create a reader.
 *
 * @param options source options, by scheme-specific name (for example {@code s3.endpoint});
 *     providers ignore the ones that are not theirs
 * @param registry the registry the reader belongs to, for reading through other schemes
 */
public record SourceContext(Map<String, Object> options, ByteRangeReaders registry) {
  public SourceContext {
    options = Map.copyOf(options);
  }

  /** A string option, or {@code fallback} when absent. */
  public String stringOption(String name, String fallback) {
    Object v = options.get(name);
    return v == null ? fallback : v.toString();
  }

  /** A boolean option ({@code Boolean} or {@code "true"}/{@code "false"}). */
  public boolean booleanOption(String name, boolean fallback) {
    Object v = options.get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return s.equals("true");
    }
    throw new IllegalArgumentException(
        "source option " + name + " must be true or false, not " + v);
  }

  /** An integer option ({@code Number} or decimal string). */
  public long longOption(String name, long fallback) {
    Object v = options.get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number) {
      return ((Number) v).longValue();
    }
    try {
      return Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "source option " + name + " must be an integer, not " + v, e);
    }
  }

  /** A duration option: a {@code Duration}, or a number (or string) of milliseconds. */
  public Duration durationOption(String name, Duration fallback) {
    Object v = options.get(name);
    if (v instanceof Duration) {
      return (Duration) v;
    }
    return v == null ? fallback : Duration.ofMillis(longOption(name, 0));
  }

  /** A map option with string values (such as HTTP headers); empty when absent. */
  public Map<String, String> mapOption(String name) {
    Object v = options.get(name);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("source option " + name + " must be a Map, not " + v);
    }
    Map<String, String> out = new LinkedHashMap<>();
    ((Map<?, ?>) v).forEach((k, o) -> out.put(String.valueOf(k), String.valueOf(o)));
    return out;
  }
}
