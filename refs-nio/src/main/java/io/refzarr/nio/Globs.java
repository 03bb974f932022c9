package io.refzarr.nio;

import java.nio.file.PathMatcher;
import java.util.regex.Pattern;

/** {@code glob:} and {@code regex:} path matchers over the path's string form. */
final class Globs {
  private Globs() {}

  static PathMatcher matcher(String syntaxAndPattern) {
    int colon = syntaxAndPattern.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "expected syntax:pattern, got \"" + syntaxAndPattern + "\"");
    }
    String syntax = syntaxAndPattern.substring(0, colon);
    String pattern = syntaxAndPattern.substring(colon + 1);
    Pattern regex;
    if (syntax.equalsIgnoreCase("regex")) {
      regex = Pattern.compile(pattern);
    } else if (syntax.equalsIgnoreCase("glob")) {
      regex = Pattern.compile(globToRegex(pattern));
    } else {
      throw new UnsupportedOperationException(
          "path matcher syntax \"" + syntax + "\" is not supported");
    }
    return path -> regex.matcher(path.toString()).matches();
  }

  static String globToRegex(String glob) {
    StringBuilder sb = new StringBuilder("^");
    boolean inGroup = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*':
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            sb.append(".*");
            i++;
          } else {
            sb.append("[^/]*");
          }
          break;
        case '?':
          sb.append("[^/]");
          break;
        case '{':
          sb.append("(?:");
          inGroup = true;
          break;
        case '}':
          sb.append(')');
          inGroup = false;
          break;
        case ',':
          sb.append(inGroup ? "|" : ",");
          break;
        case '[':
          int close = glob.indexOf(']', i + 1);
          if (close < 0) {
            throw new java.util.regex.PatternSyntaxException("missing ']'", glob, i);
          }
          String set = glob.substring(i + 1, close);
          if (set.startsWith("!")) {
            set = "^" + set.substring(1);
          }
          sb.append('[').append(set.replace("\\", "\\\\")).append(']');
          i = close;
          break;
        case '\\':
          if (i + 1 < glob.length()) {
            sb.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
          break;
        default:
          sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.append('$').toString();
  }
}
