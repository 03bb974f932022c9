package io.refzarr.combine;

/**
 * Where one input lands along the concat dimensions: its first and last coordinate values and how
 * many it has along each real concat dimension, and (with {@code var}) the name of its output
 * array.
 */
record Placement(SortKey key, Object[] first, Object[] last, int[] count, String varName)
    implements java.io.Serializable {

  int index() {
    return key.index();
  }

  String name() {
    return key.name();
  }
}
