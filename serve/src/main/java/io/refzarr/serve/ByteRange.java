package io.refzarr.serve;

import java.util.Optional;

/**
 * One satisfiable byte range of a key, from a {@code Range: bytes=...} header (RFC 9110 section
 * 14.1.2). Only single ranges are honoured; a header this class does not understand (several
 * ranges, another unit) is ignored, which the RFC allows, so the whole key is sent.
 */
record ByteRange(long start, long length) {

  /** What a {@code Range} header asks of a key of {@code size} bytes. */
  sealed interface Request {}

  /** No range (or one that is ignored): the whole key, 200. */
  record Whole() implements Request {}

  /** A satisfiable range: 206 with {@code Content-Range}. */
  record Partial(ByteRange range) implements Request {}

  /** A range that starts past the end: 416. */
  record Unsatisfiable() implements Request {}

  long end() {
    return start + length - 1;
  }

  String contentRange(long size) {
    return "bytes " + start + "-" + end() + "/" + size;
  }

  static Request parse(String header, long size) {
    Optional<long[]> spec = Optional.ofNullable(header).flatMap(ByteRange::singleSpec);
    if (spec.isEmpty()) {
      return new Whole();
    }
    long first = spec.get()[0];
    long last = spec.get()[1];
    if (first < 0) { // suffix range "-n": the last n bytes
      long n = Math.min(last, size);
      return n == 0 ? new Unsatisfiable() : new Partial(new ByteRange(size - n, n));
    }
    if (first >= size) {
      return new Unsatisfiable();
    }
    long end = last < 0 ? size - 1 : Math.min(last, size - 1);
    return new Partial(new ByteRange(first, end - first + 1));
  }

  /**
   * {first, last} of "bytes=first-last", with -1 for an absent side; empty when not one valid
   * range.
   */
  private static Optional<long[]> singleSpec(String header) {
    String h = header.trim();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        long n = b.isEmpty() ? -1 : Long.parseLong(b);
        return n < 0 ? Optional.empty() : Optional.of(new long[] {-1, n});
      }
      long first = Long.parseLong(a);
      long last = b.isEmpty() ? -1 : Long.parseLong(b);
      boolean valid = first >= 0 && (last < 0 && b.isEmpty() || last >= first);
      return valid ? Optional.of(new long[] {first, last}) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
