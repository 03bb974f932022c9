package io.refzarr.combine;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an input's coordinate values along one concat dimension come from: every form of kerchunk's
 * {@code coo_map}. Use the factories, or {@link #parse(String)} for kerchunk's string forms.
 */
public sealed interface CoordinateSelector
    permits Selectors.Values,
        Selectors.CfValues,
        Selectors.Attr,
        Selectors.VarAttr,
        Selectors.Regex,
        Selectors.Index,
        Selectors.Listed,
        Selectors.Constant,
        Selectors.VarName,
        Selectors.Function {

  /** The input's values (one or more) along the dimension. */
  List<Object> select(InputView input) throws IOException;

  /** {@code data:<array>}: the array's values. */
  static CoordinateSelector values(String array) {
    return new Selectors.Values(array);
  }

  /**
   * {@code cf:<array>}: the array's values decoded as CF times with its {@code units} and {@code
   * calendar} (inputs may use different units); written back in the first input's units, or as
   * datetimes when the dimension's {@code coo_dtype} is {@code M8[unit]}.
   */
  static CoordinateSelector cfTime(String array) {
    return new Selectors.CfValues(array);
  }

  /** {@code attr:<name>}: a global attribute. */
  static CoordinateSelector attribute(String name) {
    return new Selectors.Attr(name);
  }

  /** {@code vattr:<array>:<name>}: an attribute of an array. */
  static CoordinateSelector arrayAttribute(String array, String name) {
    return new Selectors.VarAttr(array, name);
  }

  /** A regular expression searched in the input's name: its first group, or the whole match. */
  static CoordinateSelector regex(Pattern pattern) {
    return new Selectors.Regex(pattern);
  }

  /** {@code INDEX}: the input's position in the list. */
  static CoordinateSelector index() {
    return Selectors.Index.INSTANCE;
  }

  /** Values known in advance: the i-th input gets {@code values.get(i)}. */
  static CoordinateSelector listed(List<?> values) {
    return new Selectors.Listed(List.copyOf(values));
  }

  /** The same value for every input. */
  static CoordinateSelector constant(Object value) {
    return new Selectors.Constant(Objects.requireNonNull(value, "value"));
  }

  /** {@code VARNAME}: the name of the input's single data variable. */
  static CoordinateSelector varName() {
    return Selectors.VarName.INSTANCE;
  }

  /** A Java function of the input. */
  static CoordinateSelector function(CoordinateFunction function) {
    return new Selectors.Function(Objects.requireNonNull(function, "function"));
  }

  /**
   * kerchunk's string forms: {@code data:a}, {@code cf:a}, {@code attr:n}, {@code vattr:a:n},
   * {@code INDEX}, {@code VARNAME}; refzarr adds {@code re:<regex>}; any other string is a
   * constant.
   */
  static CoordinateSelector parse(String text) {
    if (text.startsWith("data:")) {
      return values(text.substring(5));
    } else if (text.startsWith("cf:")) {
      return cfTime(text.substring(3));
    } else if (text.startsWith("attr:")) {
      return attribute(text.substring(5));
    } else if (text.startsWith("vattr:")) {
      String rest = text.substring(6);
      int colon = rest.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("vattr selector needs vattr:<array>:<name>: " + text);
      }
      return arrayAttribute(rest.substring(0, colon), rest.substring(colon + 1));
    } else if (text.startsWith("re:")) {
      return regex(Pattern.compile(text.substring(3)));
    } else if (text.equals("INDEX")) {
      return index();
    } else if (text.equals("VARNAME")) {
      return varName();
    }
    return constant(text);
  }
}
