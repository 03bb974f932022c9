package io.refzarr.combine;

import io.refzarr.refs.ReferenceSet;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** What a {@link CoordinateFunction} may look at in one input. */
public interface InputView {

  /** The input's URL or path. */
  String name();

  /** The input's position in the list given to the combine. */
  int index();

  /** The input's references (after preprocessing). */
  ReferenceSet references();

  /** The attributes of a group or array ({@code ""} is the root group); empty if it has none. */
  Map<String, Object> attributes(String path) throws IOException;

  /** The decoded values of an array, flattened in C order (numbers as Long or Double). */
  List<Object> values(String array) throws IOException;

  /** The arrays that are neither concatenated nor identical dimensions nor coordinates. */
  List<String> dataVariables() throws IOException;
}
