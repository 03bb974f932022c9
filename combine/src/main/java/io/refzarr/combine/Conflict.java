package io.refzarr.combine;

import java.util.List;
import java.util.Map;

/**
 * Inputs that disagree on one encoding field of one output array.
 *
 * @param array the output array path
 * @param field {@code dtype}, {@code compressor}, {@code filters}, {@code fill_value}, {@code
 *     order}, or an attribute such as {@code scale_factor}, {@code add_offset}, {@code _FillValue},
 *     {@code units}
 * @param attribute whether {@code field} is an attribute ({@code .zattrs}) rather than {@code
 *     .zarray}
 * @param values each distinct value (as minified JSON, {@code "<absent>"} if missing) with an input
 *     holding it
 * @param first the value of the input that comes first in coordinate order (a parsed JSON value)
 */
public record Conflict(
    String array, String field, boolean attribute, Map<String, String> values, Object first) {

  public Conflict {
    values = Map.copyOf(values);
  }

  /** The inputs named in {@link #values()}. */
  public List<String> inputs() {
    return values.values().stream().sorted().distinct().toList();
  }

  @Override
  public String toString() {
    return array + (attribute ? " attribute " : " ") + field + " differs: " + values;
  }
}
