package io.refzarr.refs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A string with {@code {{ expression }}} placeholders, parsed once and rendered many times.
 * Expressions are evaluated by {@link Expression}: names (dimension variables and templates) and
 * integer arithmetic, never code.
 */
final class TemplateString {
  private final String source;
  private final List<Object> parts; // String literals and Expression placeholders

  private TemplateString(String source, List<Object> parts) {
    this.source = source;
    this.parts = parts;
  }

  /** Whether {@code s} has a {@code {{ }}} placeholder. */
  static boolean hasPlaceholder(String s) {
    return s.contains("{{");
  }

  /**
   * Parses a template string.
   *
   * @throws IllegalArgumentException for an unclosed placeholder or a malformed expression
   */
  static TemplateString parse(String s) {
    List<Object> parts = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int open = s.indexOf("{{", i);
      if (open < 0) {
        parts.add(s.substring(i));
        break;
      }
      if (open > i) {
        parts.add(s.substring(i, open));
      }
      int close = s.indexOf("}}", open + 2);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed \"{{\" in \"" + s + "\"");
      }
      parts.add(Expression.parse(s.substring(open + 2, close)));
      i = close + 2;
    }
    return new TemplateString(s, parts);
  }

  /** Renders with the given variables (values are {@code Long} or {@code String}). */
  String render(Map<String, Object> vars) {
    if (parts.size() == 1 && parts.get(0) instanceof String) {
      return (String) parts.get(0);
    }
    StringBuilder sb = new StringBuilder(source.length() + 16);
    for (Object part : parts) {
      if (part instanceof String) {
        sb.append((String) part);
      } else {
        sb.append(((Expression) part).evaluate(vars));
      }
    }
    return sb.toString();
  }

  /** Renders and parses the result as a decimal integer. */
  long renderLong(Map<String, Object> vars) {
    String text = render(vars).trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "\"" + source + "\" renders to \"" + text + "\", not an integer");
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
