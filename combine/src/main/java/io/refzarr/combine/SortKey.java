package io.refzarr.combine;

import java.util.Arrays;

/**
 * The canonical order of inputs: by their first coordinate value along each concat dimension, then
 * by name, then by position. "The first input" always means the least key, so results do not depend
 * on the order inputs are given in.
 */
record SortKey(Object[] first, String name, int index)
    implements Comparable<SortKey>, java.io.Serializable {
  @Override
  public int compareTo(SortKey o) {
    for (int d = 0; d < first.length; d++) {
      int c = CoordValues.compare(first[d], o.first[d]);
      if (c != 0) {
        return c;
      }
    }
    int c = name.compareTo(o.name);
    return c != 0 ? c : Integer.compare(index, o.index);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SortKey && compareTo((SortKey) o) == 0;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + index;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(first);
  }
}
