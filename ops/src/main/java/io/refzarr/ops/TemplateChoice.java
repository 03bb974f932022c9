package io.refzarr.ops;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the templates of {@code consolidate}: the directories of targets (the text up to the last
 * {@code /}) that at least two references share and that are at least {@code minLength} long, those
 * that save the most text first. kerchunk's {@code templateize} takes the one longest common prefix
 * of all targets; a set over several directories (or hosts) gets one template per directory here.
 */
final class TemplateChoice {
  /** At most this many templates (the names {@code u}, {@code u1}, ...). */
  static final int MAX_TEMPLATES = 64;

  /**
   * Directories counted at most; a set with more (one per file, say) is templated by the first
   * ones.
   */
  static final int MAX_DIRECTORIES = 100_000;

  private final Map<String, Long> directories = new HashMap<>();
  private boolean braces;

  /** The templates, and how many references they shorten. */
  record Result(Map<String, String> templates, long references) {}

  static Result choose(ReferenceSet set, int minLength) throws IOException {
    TemplateChoice c = new TemplateChoice();
    KeyWalk.forEach(set, c::count);
    return c.braces ? new Result(Map.of(), 0) : c.pick(minLength);
  }

  private void count(String key, Reference ref) {
    if (!(ref instanceof Reference.Targeted t) || t.target().isEmpty()) {
      return;
    }
    String target = t.target();
    if (target.contains("{{")) {
      braces = true; // fsspec would render it once the set has templates: leave the set without any
      return;
    }
    int slash = target.lastIndexOf('/');
    if (slash < 0 || target.indexOf('{') >= 0 || target.indexOf('}') >= 0) {
      return;
    }
    String dir = target.substring(0, slash + 1);
    if (directories.containsKey(dir) || directories.size() < MAX_DIRECTORIES) {
      directories.merge(dir, 1L, Long::sum);
    }
  }

  private Result pick(int minLength) {
    List<Map.Entry<String, Long>> candidates = new ArrayList<>();
    for (Map.Entry<String, Long> e : directories.entrySet()) {
      if (e.getValue() >= 2 && e.getKey().length() >= minLength) {
        candidates.add(e);
      }
    }
    candidates.sort(
        Comparator.comparingLong((Map.Entry<String, Long> e) -> e.getValue() * e.getKey().length())
            .reversed()
            .thenComparing(Map.Entry::getKey));
    Map<String, String> templates = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e :
        candidates.subList(0, Math.min(MAX_TEMPLATES, candidates.size()))) {
      templates.put(templates.isEmpty() ? "u" : "u" + templates.size(), e.getKey());
    }
    long shortened = 0;
    for (Map.Entry<String, Long> e : directories.entrySet()) {
      if (templates.values().stream().anyMatch(e.getKey()::startsWith)) {
        shortened += e.getValue();
      }
    }
    return new Result(templates, shortened);
  }
}
