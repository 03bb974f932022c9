package io.refzarr.scan;

import io.refzarr.refs.SinkOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of a simple-parallel scan ({@link Scanners#scanAll}): how each input is scanned (its
 * error policy also decides what a failed input does), the form of the outputs, and their sink
 * options.
 *
 * <p>Output names: an input's URL as given, chained parts container first ({@code
 * tar://m.nc::dir/a.tar} gives {@code dir/a.tar/m.nc}), without a scheme ({@code s3://}, {@code
 * file:}), leading {@code /} or {@code ./}; {@code ..} becomes {@code up}; path separators become
 * {@code __} and any character other than letters, digits and {@code . _ - + =} becomes {@code _};
 * then {@code .json} or {@code .parq}. When two inputs would get the same name (or a name is longer
 * than 200 characters), each of them instead gets {@code -} and the first 10 hex digits of the
 * SHA-256 of its URL before the extension, so names never collide and do not depend on the order of
 * the inputs. {@code data/day_001.nc} gives {@code data__day_001.nc.json}.
 */
public record ScanAllOptions(ScanOptions scan, Format format, SinkOptions sink) {
  /** Scanners' defaults, JSON outputs. */
  public static final ScanAllOptions DEFAULT =
      new ScanAllOptions(ScanOptions.DEFAULT, Format.JSON, SinkOptions.DEFAULT);

  private static final int MAX_NAME = 200;
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:(//)?");
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._+=-]");

  /** The form of each output: the extension makes {@code ReferenceSets.sink} choose it. */
  public enum Format {
    JSON(".json"),
    PARQUET(".parq");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }

  public ScanAllOptions {
    Objects.requireNonNull(scan, "scan");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(sink, "sink");
  }

  public ScanAllOptions withScan(ScanOptions s) {
    return new ScanAllOptions(s, format, sink);
  }

  public ScanAllOptions withFormat(Format f) {
    return new ScanAllOptions(scan, f, sink);
  }

  public ScanAllOptions withSink(SinkOptions s) {
    return new ScanAllOptions(scan, format, s);
  }

  /**
   * The output file name of each input URL (see the class comment), in input order; a URL given
   * twice is named once.
   */
  public Map<String, String> outputNames(List<String> urls) {
    Map<String, List<String>> byBase = new HashMap<>();
    for (String url : new LinkedHashSet<>(urls)) {
      byBase.computeIfAbsent(base(url), b -> new ArrayList<>()).add(url);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String url : urls) {
      String base = base(url);
      boolean unique = byBase.get(base).size() == 1 && base.length() <= MAX_NAME;
      out.put(
          url,
          unique
              ? base + format.extension()
              : shorten(base) + "-" + hash(url) + format.extension());
    }
    return out;
  }

  static String base(String url) {
    String[] chain = url.split("::");
    List<String> segments = new ArrayList<>();
    for (int i = chain.length - 1; i >= 0; i--) {
      for (String s : SCHEME.matcher(chain[i]).replaceFirst("").split("[/\\\\]")) {
        if (!s.isEmpty() && !s.equals(".")) {
          segments.add(s.equals("..") ? "up" : UNSAFE.matcher(s).replaceAll("_"));
        }
      }
    }
    return segments.isEmpty() ? "_" : String.join("__", segments);
  }

  private static String shorten(String base) {
    return base.length() <= MAX_NAME - 20 ? base : base.substring(base.length() - (MAX_NAME - 20));
  }

  private static String hash(String url) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
