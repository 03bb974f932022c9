package io.refzarr.lazy;

import java.util.Arrays;
import java.util.BitSet;

/**
 * One record being written: every row's path id (into the writer's path table, {@link
 * RowBlock#NULL} for none), offset, size and inline bytes. Knows how many of its rows can exist, so
 * it can tell when it is complete and may be written at once.
 */
final class RecordBuffer {
  private final int[] pathIds;
  private final long[] offsets;
  private final long[] sizes;
  private byte[][] raw;
  private final BitSet filled;
  private int filledCount;
  private final int expected;

  /**
   * @param rows the record size (rows of the file)
   * @param expected how many rows correspond to chunks of the grid (fewer in the last record)
   */
  RecordBuffer(int rows, int expected) {
    this.pathIds = new int[rows];
    Arrays.fill(pathIds, RowBlock.NULL);
    this.offsets = new long[rows];
    this.sizes = new long[rows];
    this.expected = expected;
    this.filled = new BitSet(rows);
  }

  void setTarget(int row, int pathId, long offset, long size) {
    pathIds[row] = pathId;
    offsets[row] = offset;
    sizes[row] = size;
    if (raw != null) {
      raw[row] = null;
    }
    fill(row);
  }

  void setInline(int row, byte[] data) {
    if (raw == null) {
      raw = new byte[pathIds.length][];
    }
    pathIds[row] = RowBlock.NULL;
    offsets[row] = 0;
    sizes[row] = 0;
    raw[row] = data;
    fill(row);
  }

  private void fill(int row) {
    if (!filled.get(row)) {
      filled.set(row);
      filledCount++;
    }
  }

  /** Every row that can hold a chunk has been set. */
  boolean complete() {
    return filledCount >= expected;
  }

  /** Rows set so far. */
  int filledRows() {
    return filledCount;
  }

  int rows() {
    return pathIds.length;
  }

  int pathId(int row) {
    return pathIds[row];
  }

  long offset(int row) {
    return offsets[row];
  }

  long size(int row) {
    return sizes[row];
  }

  /** Inline bytes of a row, or null. */
  byte[] raw(int row) {
    return raw == null ? null : raw[row];
  }
}
