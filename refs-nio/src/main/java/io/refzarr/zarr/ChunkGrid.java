package io.refzarr.zarr;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * A regular chunk grid: the array shape, the chunk shape, and the arithmetic between chunk keys
 * ({@code "2.0.13"}) and flat chunk numbers (C order, last index fastest), as fsspec's Parquet
 * layout numbers them. A scalar array (shape {@code []}) has one chunk, key {@code "0"}.
 */
public final class ChunkGrid {
  private final long[] shape;
  private final long[] chunks;
  private final long[] gridShape;
  private final long chunkCount;
  // more chunks than Long.MAX_VALUE: every non-negative long numbers one
  private final boolean capped;
  private final char separator;

  private ChunkGrid(long[] shape, long[] chunks, char separator) {
    this.shape = shape;
    this.chunks = chunks;
    this.separator = separator;
    int rank = Math.max(shape.length, 1);
    this.gridShape = new long[rank];
    long count = 1;
    boolean overflow = false;
    for (int d = 0; d < rank; d++) {
      long n = shape.length == 0 ? 1 : ceilDiv(shape[d], chunks[d]);
      gridShape[d] = n;
      overflow |= Math.multiplyHigh(count, n) != 0 || count * n < 0;
      count *= n;
    }
    boolean empty = Arrays.stream(gridShape).anyMatch(n -> n == 0);
    this.capped = overflow && !empty;
    this.chunkCount = empty ? 0 : capped ? Long.MAX_VALUE : count;
  }

  /**
   * A grid for the given array and chunk shapes.
   *
   * @throws IllegalArgumentException if ranks differ, a size is negative or a chunk size is not
   *     positive
   */
  public static ChunkGrid of(long[] shape, long[] chunks, char separator) {
    if (shape.length != chunks.length) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(shape)
              + " and chunks "
              + Arrays.toString(chunks)
              + " differ in rank");
    }
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] < 0) {
        throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
      }
      if (chunks[d] <= 0) {
        throw new IllegalArgumentException(
            "chunk sizes must be positive: " + Arrays.toString(chunks));
      }
    }
    if (separator != '.' && separator != '/') {
      throw new IllegalArgumentException("dimension separator must be '.' or '/': " + separator);
    }
    return new ChunkGrid(shape.clone(), chunks.clone(), separator);
  }

  /** The array shape. */
  public long[] shape() {
    return shape.clone();
  }

  /** The chunk shape. */
  public long[] chunks() {
    return chunks.clone();
  }

  /** Chunks along each axis ({@code [1]} for a scalar array). */
  public long[] gridShape() {
    return gridShape.clone();
  }

  /** Number of chunk-key parts: the rank, or 1 for a scalar array. */
  public int keyRank() {
    return gridShape.length;
  }

  /**
   * The total number of chunks, capped at {@code Long.MAX_VALUE}: a grid may have more (a
   * never-written dataset of the largest shape HDF5 allows), and then chunks whose flat number
   * would exceed it have none (see {@link #flatIndex}).
   */
  public long chunkCount() {
    return chunkCount;
  }

  /**
   * Whether {@code flat} numbers a chunk: any non-negative long in a grid of more than {@code
   * Long.MAX_VALUE} chunks, else one below {@link #chunkCount()}.
   */
  public boolean hasFlat(long flat) {
    return flat >= 0 && (capped || flat < chunkCount);
  }

  /** The chunk-key separator, {@code '.'} or {@code '/'}. */
  public char separator() {
    return separator;
  }

  /**
   * The flat C-order number of a chunk index, or -1 if it lies outside the grid or its number
   * exceeds {@code Long.MAX_VALUE} (see {@link #contains}). A scalar array's one chunk has index
   * {@code []} (or {@code [0]}, as its key {@code "0"} reads).
   */
  public long flatIndex(long[] index) {
    if (index.length == 0 && shape.length == 0) {
      return 0;
    }
    if (!inside(index)) {
      return -1;
    }
    long flat = 0;
    for (int d = 0; d < index.length; d++) {
      long scaled = flat * gridShape[d];
      if (Math.multiplyHigh(flat, gridShape[d]) != 0
          || scaled < 0
          || scaled > Long.MAX_VALUE - index[d]) {
        return -1; // only in a grid of more than Long.MAX_VALUE chunks
      }
      flat = scaled + index[d];
    }
    return flat;
  }

  /**
   * Whether {@code key} is a canonical chunk key inside this grid, whether or not its flat number
   * fits in a {@code long}: a key that is but has no number ({@link #parseKey} empty) names a chunk
   * that a store must not read as missing.
   */
  public boolean contains(CharSequence key) {
    long[] idx = parseIndex(key, separator, gridShape.length);
    return idx != null && inside(idx);
  }

  private boolean inside(long[] index) {
    if (index.length != gridShape.length) {
      return false;
    }
    for (int d = 0; d < index.length; d++) {
      if (index[d] < 0 || index[d] >= gridShape[d]) {
        return false;
      }
    }
    return true;
  }

  /** The chunk index of a flat number. */
  public long[] index(long flat) {
    if (!hasFlat(flat)) {
      throw new IndexOutOfBoundsException("chunk " + flat + " of " + chunkCount);
    }
    long[] idx = new long[gridShape.length];
    for (int d = gridShape.length - 1; d >= 0; d--) {
      idx[d] = flat % gridShape[d];
      flat /= gridShape[d];
    }
    return idx;
  }

  /** The chunk key ({@code "1.0.2"}) of a flat number. */
  public String key(long flat) {
    long[] idx = index(flat);
    StringBuilder sb = new StringBuilder(idx.length * 4);
    for (int d = 0; d < idx.length; d++) {
      if (d > 0) {
        sb.append(separator);
      }
      sb.append(idx[d]);
    }
    return sb.toString();
  }

  /**
   * The flat number of a chunk key such as {@code "1.0.2"}, if it is a canonical key of this grid
   * (decimal parts without leading zeros, inside the grid).
   */
  public OptionalLong parseKey(CharSequence key) {
    long[] idx = parseIndex(key, separator, gridShape.length);
    if (idx == null) {
      return OptionalLong.empty();
    }
    long flat = flatIndex(idx);
    return flat < 0 ? OptionalLong.empty() : OptionalLong.of(flat);
  }

  /**
   * Parses the parts of a canonical chunk key; null if the text is not {@code rank} decimal parts
   * without leading zeros separated by {@code sep}.
   */
  public static long[] parseIndex(CharSequence key, char sep, int rank) {
    long[] idx = new long[rank];
    int part = 0;
    int len = key.length();
    int i = 0;
    while (true) {
      if (part >= rank || i >= len) {
        return null;
      }
      int start = i;
      long v = 0;
      while (i < len && key.charAt(i) >= '0' && key.charAt(i) <= '9') {
        int digit = key.charAt(i) - '0';
        if (v > (Long.MAX_VALUE - digit) / 10) {
          return null; // past any index a long holds
        }
        v = v * 10 + digit;
        i++;
      }
      if (i == start || (key.charAt(start) == '0' && i - start > 1)) {
        return null;
      }
      idx[part++] = v;
      if (i == len) {
        return part == rank ? idx : null;
      }
      if (key.charAt(i) != sep) {
        return null;
      }
      i++;
    }
  }

  private static long ceilDiv(long a, long b) {
    return a / b + (a % b == 0 ? 0 : 1);
  }

  @Override
  public String toString() {
    return "ChunkGrid" + Arrays.toString(shape) + "/" + Arrays.toString(chunks);
  }
}
