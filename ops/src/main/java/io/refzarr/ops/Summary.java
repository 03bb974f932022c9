package io.refzarr.ops;

/**
 * What an operation that rewrites a set did.
 *
 * @param keys the keys written
 * @param rewritten the keys whose reference the operation changed
 * @param bytes bytes embedded into the output (by {@code inline}); 0 for the other operations
 */
public record Summary(long keys, long rewritten, long bytes) {

  public Summary {
    if (keys < 0 || rewritten < 0 || bytes < 0 || rewritten > keys) {
      throw new IllegalArgumentException(
          "inconsistent summary: "
              + keys
              + " keys, "
              + rewritten
              + " rewritten, "
              + bytes
              + " bytes");
    }
  }
}
