package io.refzarr.source;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Content-Range} of a reply to a range request ({@code bytes FIRST-LAST/TOTAL}), checked
 * against the bytes asked for: the one reading of it for every remote byte source (HTTP, S3).
 *
 * @param first the first byte of the reply
 * @param last the last byte of the reply (inclusive)
 * @param total the target's length, or -1 for {@code *}
 */
public record ContentRange(long first, long last, long total) {
  private static final Pattern HEADER = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  /**
   * The header of a reply to a request for bytes {@code offset..end} (inclusive) of {@code target}.
   *
   * @throws RetryableException if it is missing or unusable (a proxy may have mangled it)
   */
  public static ContentRange parse(URI target, String header, long offset, long end)
      throws RetryableException {
    Optional<ContentRange> range = of(header);
    if (range.isEmpty()) {
      throw new RetryableException(
          "reply for bytes "
              + offset
              + "-"
              + end
              + " of "
              + target
              + " has no usable Content-Range: \""
              + header
              + "\"",
          null);
    }
    return range.get();
  }

  /** The header's range, or empty if it is missing or not of the form above. */
  public static Optional<ContentRange> of(String header) {
    Matcher m = HEADER.matcher(header == null ? "" : header);
    if (!m.matches()) {
      return Optional.empty();
    }
    long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
    return Optional.of(
        new ContentRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), total));
  }

  /** Whether the reply starts at {@code offset} but stops before {@code end}. */
  public boolean stopsBefore(long offset, long end) {
    return first == offset && last < end;
  }

  /** The message for a target that ends inside the range {@code [offset, end]}. */
  public String targetEndsMessage(URI target, long offset, long end) {
    return "target "
        + target
        + " ends at byte "
        + (last + 1)
        + ", before the end of the range ["
        + offset
        + ", "
        + (end + 1)
        + ")";
  }

  /**
   * Checks that the reply holds exactly bytes {@code offset..end}.
   *
   * @throws RetryableException if it holds other bytes
   */
  public void requireExactly(URI target, long offset, long end) throws RetryableException {
    if (first != offset || last != end) {
      throw new RetryableException(
          "asked for bytes "
              + offset
              + "-"
              + end
              + " of "
              + target
              + ", got Content-Range \"bytes "
              + first
              + "-"
              + last
              + "/"
              + (total < 0 ? "*" : String.valueOf(total))
              + "\"",
          null);
    }
  }
}
