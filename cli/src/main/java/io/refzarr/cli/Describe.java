package io.refzarr.cli;

import io.refzarr.refs.Reference;

/** Short text forms of references. */
final class Describe {
  private Describe() {}

  static String reference(Reference ref) {
    if (ref instanceof Reference.Inline) {
      return "(inline)";
    }
    if (ref instanceof Reference.Range r) {
      return target(r.target()) + " [" + r.offset() + ", +" + r.length() + "]";
    }
    return target(((Reference.Whole) ref).target()) + " (whole)";
  }

  static String target(String target) {
    return target.isEmpty() ? "(default target)" : target;
  }
}
