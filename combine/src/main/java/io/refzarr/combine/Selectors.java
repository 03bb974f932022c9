package io.refzarr.combine;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@link CoordinateSelector} forms. */
final class Selectors {
  private Selectors() {}

  record Values(String array) implements CoordinateSelector {
    @Override
    public List<Object> select(InputView input) throws IOException {
      return input.values(array);
    }
  }

  /** The array's numbers decoded with its own units and calendar, so inputs may differ in units. */
  record CfValues(String array) implements CoordinateSelector {
    @Override
    public List<Object> select(InputView input) throws IOException {
      Map<String, Object> attrs = input.attributes(array);
      CfUnits units = CfUnits.of(attrs, array, List.of(input.name()));
      List<Object> raw = input.values(array);
      return raw.stream().map(v -> (Object) units.decode(((Number) v).doubleValue())).toList();
    }
  }

  record Attr(String name) implements CoordinateSelector {
    @Override
    public List<Object> select(InputView input) throws IOException {
      return attribute(input, "", name);
    }
  }

  record VarAttr(String array, String name) implements CoordinateSelector {
    @Override
    public List<Object> select(InputView input) throws IOException {
      return attribute(input, array, name);
    }
  }

  record Regex(Pattern pattern) implements CoordinateSelector {
    @Override
    public List<Object> select(InputView input) throws IOException {
      Matcher m = pattern.matcher(input.name());
      if (!m.find()) {
        throw bad(input, "the regular expression " + pattern + " does not match the input's name");
      }
      return List.of(m.groupCount() > 0 ? m.group(1) : m.group());
    }
  }

  enum Index implements CoordinateSelector {
    INSTANCE;

    @Override
    public List<Object> select(InputView input) {
      return List.of((long) input.index());
    }
  }

  record Listed(List<Object> values) implements CoordinateSelector {
    @Override
    public List<Object> select(InputView input) throws IOException {
      if (input.index() >= values.size()) {
        throw bad(
            input,
            "the list of coordinate values has "
                + values.size()
                + " entries, input index is "
                + input.index());
      }
      return CoordValues.flatten(values.get(input.index()));
    }
  }

  record Constant(Object value) implements CoordinateSelector {
    @Override
    public List<Object> select(InputView input) {
      return CoordValues.flatten(value);
    }
  }

  enum VarName implements CoordinateSelector {
    INSTANCE;

    @Override
    public List<Object> select(InputView input) throws IOException {
      List<String> vars = input.dataVariables();
      if (vars.size() != 1) {
        throw bad(input, "VARNAME needs exactly one data variable, found " + vars);
      }
      return List.of(vars.get(0));
    }
  }

  record Function(CoordinateFunction function) implements CoordinateSelector {
    @Override
    public List<Object> select(InputView input) throws IOException {
      Object v = function.apply(input);
      if (v == null) {
        throw bad(input, "the coordinate function returned null");
      }
      return CoordValues.flatten(v);
    }
  }

  private static List<Object> attribute(InputView input, String path, String name)
      throws IOException {
    Map<String, Object> attrs = input.attributes(path);
    if (!attrs.containsKey(name) || attrs.get(name) == null) {
      throw bad(input, "no attribute " + name + (path.isEmpty() ? "" : " on " + path));
    }
    return CoordValues.flatten(attrs.get(name));
  }

  static CombineException bad(InputView input, String message) {
    return new CombineException(
        CombineException.Reason.BAD_COORDINATE, List.of(input.name()), message);
  }
}
