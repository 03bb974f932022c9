package io.refzarr.cli.args;

import java.util.ArrayList;
import java.util.List;

/**
 * The usage help of a command, in picocli's layout: the synopsis, the description, the parameters
 * and options (sorted by name) with their descriptions in a column, then the subcommands; wrapped
 * at 80 columns.
 */
final class Help {
  private static final int WIDTH = 80;
  private static final int COLUMN = 29; // where descriptions start, unless all names are shorter

  private Help() {}

  static String usage(CommandLine cl) {
    StringBuilder sb = new StringBuilder();
    String prefix = "Usage: " + path(cl) + " ";
    sb.append(wrapTokens(prefix, synopsis(cl)));
    for (String line : cl.spec.command.description()) {
      wrap(sb, line, 0, 0);
    }
    List<String> columns = new ArrayList<>();
    List<List<String>> descriptions = new ArrayList<>();
    for (ArgSpec p : cl.spec.positionals) {
      columns.add("      " + p.paramLabel + (p.isMultiValued() ? "..." : ""));
      descriptions.add(p.description);
    }
    for (ArgSpec o : cl.spec.options) {
      columns.add(optionColumn(o));
      descriptions.add(o.description);
    }
    int at = Math.min(COLUMN, columns.stream().mapToInt(String::length).max().orElse(0) + 3);
    for (int i = 0; i < columns.size(); i++) {
      describe(sb, columns.get(i), descriptions.get(i), at);
    }
    if (!cl.subcommands.isEmpty()) {
      sb.append("Commands:\n");
      int width = cl.subcommands.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
      for (Class<?> sub : cl.subcommands.values()) {
        CommandLine.Command command = sub.getAnnotation(CommandLine.Command.class);
        String[] description = command.description();
        String first = description.length == 0 ? "" : description[0];
        String column = "  " + command.name();
        sb.append(column).append(" ".repeat(width - column.length()));
        wrap(sb, first, width, width + 2);
      }
    }
    return sb.toString();
  }

  private static String path(CommandLine cl) {
    return cl.getParent() == null ? cl.spec.name : path(cl.getParent()) + " " + cl.spec.name;
  }

  /** The synopsis: flags, options with a value, repeatable options, parameters, as picocli. */
  private static List<String> synopsis(CommandLine cl) {
    List<String> tokens = new ArrayList<>();
    StringBuilder shortFlags = new StringBuilder();
    List<String> longFlags = new ArrayList<>();
    List<String> single = new ArrayList<>();
    List<String> multi = new ArrayList<>();
    for (ArgSpec o : cl.spec.options) {
      String name = o.shortestName();
      if (o.kind == ArgSpec.Kind.FLAG && name.length() == 2) {
        shortFlags.append(name.charAt(1));
      } else if (o.kind == ArgSpec.Kind.FLAG) {
        longFlags.add("[" + name + "]");
      } else {
        String one = name + "=" + o.paramLabel;
        if (o.isMultiValued()) {
          multi.add(o.required ? one + " [" + one + "]..." : "[" + one + "]...");
        } else {
          single.add(o.required ? one : "[" + one + "]");
        }
      }
    }
    if (shortFlags.length() > 0) {
      tokens.add("[-" + shortFlags + "]");
    }
    tokens.addAll(longFlags);
    tokens.addAll(single);
    tokens.addAll(multi);
    for (ArgSpec p : cl.spec.positionals) {
      tokens.add(
          p.isMultiValued()
              ? p.paramLabel + "..."
              : p.required ? p.paramLabel : "[" + p.paramLabel + "]");
    }
    if (!cl.subcommands.isEmpty()) {
      tokens.add("[COMMAND]");
    }
    return tokens;
  }

  private static String optionColumn(ArgSpec o) {
    String shortName = o.names.stream().filter(n -> n.length() == 2).findFirst().orElse(null);
    String longName = o.names.stream().filter(n -> n.length() > 2).findFirst().orElse(null);
    String names =
        shortName == null
            ? "      " + longName
            : "  " + shortName + (longName == null ? "" : ", " + longName);
    return o.kind == ArgSpec.Kind.FLAG ? names : names + "=" + o.paramLabel;
  }

  /** The column, then the description beside it (below it if the column is too wide). */
  private static void describe(StringBuilder sb, String names, List<String> description, int at) {
    sb.append(names);
    if (names.length() > at - 2) {
      sb.append('\n').append(" ".repeat(at));
    } else {
      sb.append(" ".repeat(at - names.length()));
    }
    String text = String.join(" ", description);
    if (text.isEmpty()) {
      sb.append('\n');
    } else {
      wrap(sb, text, at, at + 2);
    }
  }

  private static String wrapTokens(String prefix, List<String> tokens) {
    StringBuilder sb = new StringBuilder(prefix.stripTrailing());
    int lineStart = 0;
    for (String t : tokens) {
      if (sb.length() - lineStart + 1 + t.length() > WIDTH - 1) {
        sb.append('\n');
        lineStart = sb.length();
        sb.append(" ".repeat(prefix.length() - 1));
      }
      sb.append(' ').append(t);
    }
    return sb.append('\n').toString();
  }

  /**
   * Appends {@code text} wrapped at spaces; the cursor is at column {@code first} already, later
   * lines start at {@code rest}.
   */
  private static void wrap(StringBuilder sb, String text, int first, int rest) {
    int column = first;
    boolean lineEmpty = true;
    for (String word : text.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      if (!lineEmpty && column + 1 + word.length() > WIDTH - 1) {
        sb.append('\n').append(" ".repeat(rest));
        column = rest;
        lineEmpty = true;
      }
      if (!lineEmpty) {
        sb.append(' ');
        column++;
      }
      sb.append(word);
      column += word.length();
      lineEmpty = false;
    }
    sb.append('\n');
  }
}
