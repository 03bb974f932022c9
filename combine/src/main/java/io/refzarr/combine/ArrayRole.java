package io.refzarr.combine;

/** What the combine does with an input array. */
enum ArrayRole {
  /** Concatenated: keys rewritten onto the output grid. */
  DATA,
  /** Named in identical_dims: copied from the first input. */
  IDENTICAL,
  /** A dimension coordinate that is not concatenated: copied from the first input. */
  COORDINATE,
  /** The coordinate of a concat dimension: rewritten from the union of values. */
  CONCAT_COORDINATE,
  /** Dropped by the caller. */
  DROPPED
}
