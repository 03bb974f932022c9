package io.refzarr.ops;

import io.refzarr.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rules that rewrite target URLs (kerchunk's {@code rename_target}, plus prefixes): a target equal
 * to an exact rule's old value becomes its new value; otherwise a target starting with a prefix
 * rule's old value has that prefix replaced (the longest matching prefix wins); any other target
 * stays as it is. Immutable.
 */
public final class TargetRenames {
  private final Map<String, String> exact;
  private final List<Map.Entry<String, String>> prefixes; // longest first

  private TargetRenames(Map<String, String> exact, Map<String, String> prefixes) {
    this.exact = Map.copyOf(exact);
    List<Map.Entry<String, String>> p = new ArrayList<>(Map.copyOf(prefixes).entrySet());
    p.sort(
        Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    this.prefixes = List.copyOf(p);
  }

  /**
   * Exact renames ({@code old target → new target}) and prefix renames ({@code old prefix → new}).
   */
  public static TargetRenames of(Map<String, String> exact, Map<String, String> prefixes) {
    Objects.requireNonNull(exact, "exact");
    Objects.requireNonNull(prefixes, "prefixes");
    prefixes
        .keySet()
        .forEach(
            k -> {
              if (k.isEmpty()) {
                throw new IllegalArgumentException("an empty prefix would rename every target");
              }
            });
    return new TargetRenames(exact, prefixes);
  }

  /**
   * Exact renames from a file: a JSON object {@code {"old": "new", ...}} (kerchunk's {@code
   * renames} dict), or lines {@code OLD=NEW} (blank lines and lines starting with {@code #}
   * skipped).
   */
  public static Map<String, String> readMapFile(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.stripLeading().startsWith("{") ? jsonMap(file, text) : lineMap(file, text);
  }

  /** Splits {@code OLD=NEW} at its first {@code =}. */
  public static Map.Entry<String, String> parseRule(String rule) {
    int eq = rule.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("a rename is OLD=NEW with a non-empty OLD: " + rule);
    }
    return Map.entry(rule.substring(0, eq), rule.substring(eq + 1));
  }

  /** The new target of {@code target}, or empty if no rule matches it. */
  public Optional<String> apply(String target) {
    String to = exact.get(target);
    if (to != null) {
      return Optional.of(to);
    }
    for (Map.Entry<String, String> p : prefixes) {
      if (target.startsWith(p.getKey())) {
        return Optional.of(p.getValue() + target.substring(p.getKey().length()));
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> jsonMap(Path file, String text) throws IOException {
    Object tree = Json.parse(text.getBytes(StandardCharsets.UTF_8));
    if (!(tree instanceof Map<?, ?> m)) {
      throw new IOException(file + ": a rename file in JSON must be an object {\"old\": \"new\"}");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getValue() instanceof String v)) {
        throw new IOException(file + ": the new target of " + e.getKey() + " is not a string");
      }
      out.put((String) e.getKey(), v);
    }
    return out;
  }

  private static Map<String, String> lineMap(Path file, String text) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    int n = 0;
    for (String line : text.split("\r?\n")) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      try {
        Map.Entry<String, String> rule = parseRule(line);
        out.put(rule.getKey(), rule.getValue());
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " line " + n + ": " + e.getMessage());
      }
    }
    return out;
  }
}
