package io.refzarr.cli.args;

import io.refzarr.cli.args.CommandLine.ParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Parses arguments into a command and its subcommands, as picocli does: {@code --opt value}, {@code
 * --opt=value}, {@code -o value}, {@code -ovalue}, clustered flags ({@code -lR}), {@code --} ending
 * the options, a subcommand's name switching to its options. Usage errors keep picocli's wording.
 */
final class Parser {
  private final List<CommandLine> parsed = new ArrayList<>();
  private final List<String> positionals = new ArrayList<>();
  private final List<Integer> positionalIndex = new ArrayList<>();
  private CommandLine current;

  Parser(CommandLine top) {
    current = top;
    parsed.add(top);
  }

  /** The command lines parsed, the top first and the one to run last. */
  List<CommandLine> parse(String[] args) {
    boolean endOfOptions = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!endOfOptions && a.equals("--")) {
        endOfOptions = true;
      } else if (!endOfOptions && a.startsWith("-") && a.length() > 1) {
        i = option(args, i);
      } else if (!endOfOptions && positionals.isEmpty() && current.subcommands.containsKey(a)) {
        finish();
        current = current.subcommand(a);
        parsed.add(current);
      } else {
        positionals.add(a);
        positionalIndex.add(i);
      }
    }
    finish();
    if (parsed.stream().noneMatch(cl -> cl.usageHelpRequested || cl.versionHelpRequested)) {
      parsed.forEach(Parser::checkRequired);
    }
    return parsed;
  }

  /** Takes the option at {@code args[i]} and its value; returns the index of the last taken. */
  private int option(String[] args, int i) {
    String a = args[i];
    String value = null;
    ArgSpec o = find(a);
    if (o == null && a.startsWith("--") && a.indexOf('=') > 0) {
      o = find(a.substring(0, a.indexOf('=')));
      value = a.substring(a.indexOf('=') + 1);
    } else if (o == null && !a.startsWith("--") && a.length() > 2) {
      o = find(a.substring(0, 2));
      if (o != null && o.kind == ArgSpec.Kind.FLAG) {
        cluster(a);
        return i;
      }
      value = a.substring(a.charAt(2) == '=' ? 3 : 2);
    }
    if (o == null) {
      throw error("Unknown option: '" + a + "'");
    }
    if (o.kind == ArgSpec.Kind.FLAG) {
      flag(o, value == null ? "true" : value);
      return i;
    }
    if (value == null) {
      if (i + 1 >= args.length) {
        throw error(
            "Missing required parameter for option '"
                + o.longestName()
                + "' ("
                + o.paramLabel
                + ")");
      }
      value = args[++i];
      if (find(value) != null) {
        throw error(
            "Expected parameter for option '" + o.longestName() + "' but found '" + value + "'");
      }
    }
    take(o, value);
    return i;
  }

  /** {@code -lR}: every letter a flag. */
  private void cluster(String a) {
    for (int k = 1; k < a.length(); k++) {
      ArgSpec f = find("-" + a.charAt(k));
      if (f == null || f.kind != ArgSpec.Kind.FLAG) {
        throw error("Unknown option: '" + a + "'");
      }
      flag(f, "true");
    }
  }

  private void flag(ArgSpec f, String value) {
    if (f.isBuiltIn()) {
      if (f.names.contains("--help")) {
        current.usageHelpRequested = true;
      } else {
        current.versionHelpRequested = true;
      }
      return;
    }
    take(f, value);
  }

  private void take(ArgSpec o, String value) {
    if (o.matched && !o.isPositional() && !o.isMultiValued()) {
      String label = o.kind == ArgSpec.Kind.FLAG ? "" : " (" + o.paramLabel + ")";
      throw error("option '" + o.longestName() + "'" + label + " should be specified only once");
    }
    try {
      o.add(value);
    } catch (ArgSpec.BadValue e) {
      throw error(e.getMessage());
    }
  }

  private ArgSpec find(String name) {
    for (ArgSpec o : current.spec.options) {
      if (o.names.contains(name)) {
        return o;
      }
    }
    return null;
  }

  /** Hands the positional arguments gathered to the current command's parameters. */
  private void finish() {
    for (int k = 0; k < positionals.size(); k++) {
      ArgSpec p = positional(k);
      if (p == null) {
        throw error(
            "Unmatched argument at index "
                + positionalIndex.get(k)
                + ": '"
                + positionals.get(k)
                + "'");
      }
      take(p, positionals.get(k));
    }
    positionals.clear();
    positionalIndex.clear();
  }

  private ArgSpec positional(int k) {
    for (ArgSpec p : current.spec.positionals) {
      if (p.indexFrom <= k && k <= p.indexTo) {
        return p;
      }
    }
    return null;
  }

  private static void checkRequired(CommandLine cl) {
    List<ArgSpec> options = cl.spec.options.stream().filter(o -> o.required && !o.matched).toList();
    if (!options.isEmpty()) {
      throw new ParameterException(cl, missing("option", options));
    }
    List<ArgSpec> params =
        cl.spec.positionals.stream().filter(p -> p.required && !p.matched).toList();
    if (!params.isEmpty()) {
      throw new ParameterException(cl, missing("parameter", params));
    }
  }

  private static String missing(String what, List<ArgSpec> args) {
    return "Missing required "
        + what
        + (args.size() > 1 ? "s" : "")
        + ": "
        + args.stream().map(a -> "'" + a.display() + "'").collect(Collectors.joining(", "));
  }

  private ParameterException error(String message) {
    return new ParameterException(current, message);
  }
}
