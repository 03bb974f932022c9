package io.refzarr.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges ranges of one target into fewer requests, as fsspec's {@code merge_offset_ranges}: sorted
 * by offset, a range joins the current block when the gap to it is at most {@code maxGap} and the
 * block stays within {@code maxBlock} bytes. Overlapping and contained ranges always join; a
 * negative {@code maxGap} merges nothing else, not even touching ranges.
 */
final class RangeCoalescer {
  private RangeCoalescer() {}

  /** One merged request and the ranges it serves. */
  record Block(long offset, long end, List<ByteRange> parts) {
    int length() {
      return (int) (end - offset);
    }
  }

  static List<Block> coalesce(List<ByteRange> ranges, long maxGap, long maxBlock) {
    List<ByteRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingLong(ByteRange::offset).thenComparingLong(ByteRange::end));
    long limit = Math.min(maxBlock, Integer.MAX_VALUE - 16);
    List<Block> blocks = new ArrayList<>();
    List<ByteRange> parts = new ArrayList<>();
    long start = -1;
    long end = -1;
    for (ByteRange r : sorted) {
      long newEnd = Math.max(end, r.end());
      boolean joins =
          !parts.isEmpty()
              && (r.offset() < end || (maxGap >= 0 && r.offset() - end <= maxGap))
              && newEnd - start <= limit;
      if (!joins && !parts.isEmpty()) {
        blocks.add(new Block(start, end, parts));
        parts = new ArrayList<>();
      }
      if (parts.isEmpty()) {
        start = r.offset();
        newEnd = r.end();
      }
      parts.add(r);
      end = newEnd;
    }
    if (!parts.isEmpty()) {
      blocks.add(new Block(start, end, parts));
    }
    return blocks;
  }
}
