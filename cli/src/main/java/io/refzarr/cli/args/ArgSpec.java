package io.refzarr.cli.args;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One option or positional parameter, bound to the field of the object that receives its values.
 * The field's type says how it takes values: a boolean is a flag, a List collects each occurrence,
 * a Map takes NAME=VALUE occurrences, anything else one value.
 */
final class ArgSpec {
  /** How values are taken. */
  enum Kind {
    FLAG,
    SINGLE,
    LIST,
    MAP
  }

  /** Options in usage order: by their shortest name without dashes, case-insensitively. */
  static final Comparator<ArgSpec> USAGE_ORDER =
      Comparator.comparing(
              (ArgSpec a) -> a.shortestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT))
          .thenComparing(ArgSpec::shortestName);

  final List<String> names; // empty for a positional
  final String paramLabel;
  final List<String> description;
  final String defaultValue; // null: none
  final boolean required;
  final int indexFrom;
  final int indexTo;
  final Kind kind;
  private final Field field; // null for -h and -V
  private final Object target;
  private final Class<?> valueType;
  boolean matched;

  ArgSpec(
      List<String> names,
      String paramLabel,
      List<String> description,
      String defaultValue,
      boolean required,
      int indexFrom,
      int indexTo,
      Field field,
      Object target) {
    this.names = names;
    this.defaultValue = defaultValue;
    this.required = required;
    this.indexFrom = indexFrom;
    this.indexTo = indexTo;
    this.field = field;
    this.target = target;
    this.kind = field == null ? Kind.FLAG : kindOf(field.getType());
    this.valueType = field == null ? boolean.class : valueType(field, kind);
    this.paramLabel =
        paramLabel.isEmpty() && field != null ? "<" + field.getName() + ">" : paramLabel;
    this.description =
        description.stream()
            .map(d -> defaultValue == null ? d : d.replace("${DEFAULT-VALUE}", defaultValue))
            .toList();
  }

  /** -h/--help or -V/--version: a flag with no field, noted by the parser. */
  static ArgSpec builtIn(String shortName, String longName, String description) {
    return new ArgSpec(
        List.of(shortName, longName), "", List.of(description), null, false, 0, 0, null, null);
  }

  boolean isPositional() {
    return names.isEmpty();
  }

  boolean isBuiltIn() {
    return field == null;
  }

  boolean isMultiValued() {
    return kind == Kind.LIST || kind == Kind.MAP;
  }

  String shortestName() {
    return names.stream().min(Comparator.comparingInt(String::length)).orElse(paramLabel);
  }

  String longestName() {
    return names.stream().max(Comparator.comparingInt(String::length)).orElse(paramLabel);
  }

  /** How usage errors name it: {@code '--output=OUT.json'}, or {@code 'REFS'}. */
  String display() {
    return isPositional() ? paramLabel : longestName() + "=" + paramLabel;
  }

  /** What messages about a value call it, as picocli does. */
  String what() {
    return isPositional()
        ? "positional parameter at index " + indexFrom + " (" + paramLabel + ")"
        : "option '" + longestName() + "'";
  }

  /** Sets the field to the default value, if there is one. */
  void applyDefault() {
    if (defaultValue != null && field != null) {
      add(defaultValue);
      matched = false;
    }
  }

  /** Takes one value given on the command line (a flag: "true" or "false"). */
  void add(String text) {
    matched = true;
    try {
      switch (kind) {
        case FLAG -> set(Boolean.parseBoolean(text));
        case SINGLE -> set(convert(text));
        case LIST -> list().add(convert(text));
        case MAP -> addEntry(text);
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private void set(Object value) throws IllegalAccessException {
    field.set(target, value);
  }

  @SuppressWarnings("unchecked")
  private List<Object> list() throws IllegalAccessException {
    Object l = field.get(target);
    if (l == null) {
      l = new ArrayList<>();
      set(l);
    }
    return (List<Object>) l;
  }

  @SuppressWarnings("unchecked")
  private void addEntry(String text) throws IllegalAccessException {
    int eq = text.indexOf('=');
    if (eq < 0) {
      throw new BadValue(
          "Value for "
              + what()
              + " ("
              + paramLabel
              + ") should be in KEY=VALUE format but was "
              + text);
    }
    Object m = field.get(target);
    if (m == null) {
      m = new LinkedHashMap<>();
      set(m);
    }
    ((Map<String, String>) m).put(text.substring(0, eq), text.substring(eq + 1));
  }

  private Object convert(String text) {
    Class<?> t = valueType;
    try {
      if (t == String.class) {
        return text;
      } else if (t == int.class || t == Integer.class) {
        return Integer.valueOf(text.trim());
      } else if (t == long.class || t == Long.class) {
        return Long.valueOf(text.trim());
      } else if (t == double.class || t == Double.class) {
        return Double.valueOf(text.trim());
      } else if (t == Path.class) {
        return Path.of(text);
      } else if (t.isEnum()) {
        return enumValue(t, text);
      }
    } catch (NumberFormatException | InvalidPathException e) {
      throw new BadValue(
          "Invalid value for " + what() + ": '" + text + "' is not " + article(t.getSimpleName()));
    }
    throw new IllegalStateException("no conversion to " + t + " for " + display());
  }

  private Object enumValue(Class<?> t, String text) {
    for (Object c : t.getEnumConstants()) {
      if (((Enum<?>) c).name().equalsIgnoreCase(text)) {
        return c;
      }
    }
    throw new BadValue(
        "Invalid value for "
            + what()
            + ": expected one of "
            + Arrays.toString(t.getEnumConstants())
            + " (case-insensitive) but was '"
            + text
            + "'");
  }

  private static String article(String type) {
    String lower = type.equals("Integer") ? "int" : type.toLowerCase(Locale.ROOT);
    return (lower.matches("[aeiou].*") ? "an " : "a ") + (type.equals("Path") ? "Path" : lower);
  }

  private static Kind kindOf(Class<?> t) {
    if (t == boolean.class || t == Boolean.class) {
      return Kind.FLAG;
    } else if (List.class.isAssignableFrom(t)) {
      return Kind.LIST;
    } else if (Map.class.isAssignableFrom(t)) {
      return Kind.MAP;
    }
    return Kind.SINGLE;
  }

  private static Class<?> valueType(Field f, Kind kind) {
    if (kind != Kind.LIST) {
      return f.getType();
    }
    Type element = ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0];
    return (Class<?>) element;
  }

  /** A value the option's type refuses; the parser makes it a usage error of the command. */
  static final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadValue(String message) {
      super(message);
    }
  }
}
