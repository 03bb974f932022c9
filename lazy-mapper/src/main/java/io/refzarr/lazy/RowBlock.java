package io.refzarr.lazy;

import io.refzarr.refs.Reference;

/**
 * Decoded rows of one record file (a Parquet page or a whole row group), struct-of-arrays: a path
 * id per row into a small per-block path table ({@link #NULL} for a null path), offset, size, and
 * inline bytes where {@code raw} is set. Immutable once built.
 */
final class RowBlock {
  static final int NULL = -1;

  private final long firstRow;
  private final String[] paths;
  private final int[] pathIds;
  private final long[] offsets;
  private final long[] sizes;
  private final byte[][] raw; // null when no row has inline bytes
  private final long weight;

  RowBlock(
      long firstRow, String[] paths, int[] pathIds, long[] offsets, long[] sizes, byte[][] raw) {
    this.firstRow = firstRow;
    this.paths = paths;
    this.pathIds = pathIds;
    this.offsets = offsets;
    this.sizes = sizes;
    this.raw = raw;
    this.weight = weigh();
  }

  long firstRow() {
    return firstRow;
  }

  int rowCount() {
    return pathIds.length;
  }

  /** Whether row {@code i} (block-relative) has a reference; padding and missing chunks do not. */
  boolean present(int i) {
    return (raw != null && raw[i] != null) || pathIds[i] != NULL;
  }

  /**
   * The reference of row {@code i} (block-relative), or null if the row is empty. fsspec's order:
   * raw wins, a null path means missing, offset 0 with size 0 means the whole target.
   *
   * @throws IllegalArgumentException if the row holds a negative offset or size
   */
  Reference reference(int i) {
    if (raw != null && raw[i] != null) {
      return new Reference.Inline(raw[i]);
    }
    int id = pathIds[i];
    if (id == NULL) {
      return null;
    }
    if (offsets[i] == 0 && sizes[i] == 0) {
      return new Reference.Whole(paths[id]);
    }
    return new Reference.Range(paths[id], offsets[i], sizes[i]);
  }

  /** Rows {@code from .. from + count} of this block as a block of their own. */
  RowBlock slice(int from, int count) {
    return new RowBlock(
        firstRow + from,
        paths,
        java.util.Arrays.copyOfRange(pathIds, from, from + count),
        java.util.Arrays.copyOfRange(offsets, from, from + count),
        java.util.Arrays.copyOfRange(sizes, from, from + count),
        raw == null ? null : java.util.Arrays.copyOfRange(raw, from, from + count));
  }

  /** Approximate heap bytes, for the cache's weigher. */
  int weight() {
    return (int) Math.min(Integer.MAX_VALUE, weight);
  }

  private long weigh() {
    long w = 64 + 20L * pathIds.length;
    for (String p : paths) {
      w += 48 + p.length();
    }
    if (raw != null) {
      w += 16L * raw.length;
      for (byte[] b : raw) {
        w += b == null ? 0 : 16 + b.length;
      }
    }
    return w;
  }
}
