package io.refzarr.bridge;

import java.util.Arrays;

/**
 * A hyperslab: per axis a start, a count and a positive stride, plus the axes picked by a single
 * index (dropped from the result's shape, as numpy does). Immutable; validated against an array by
 * {@link ZarrArray#read(Slice)}.
 */
public final class Slice {
  private final long[] offset;
  private final long[] count;
  private final long[] stride;
  private final boolean[] dropped;

  private Slice(long[] offset, long[] count, long[] stride, boolean[] dropped) {
    int rank = offset.length;
    if (count.length != rank || stride.length != rank || dropped.length != rank) {
      throw new IllegalArgumentException("offset, count and stride differ in rank");
    }
    for (int d = 0; d < rank; d++) {
      if (offset[d] < 0 || count[d] < 0 || stride[d] <= 0) {
        throw new IllegalArgumentException(
            "axis "
                + d
                + ": offset and count must be >= 0 and stride > 0, got "
                + offset[d]
                + ", "
                + count[d]
                + ", "
                + stride[d]);
      }
    }
    this.offset = offset.clone();
    this.count = count.clone();
    this.stride = stride.clone();
    this.dropped = dropped.clone();
  }

  /** The block at {@code offset} with {@code count} elements per axis. */
  public static Slice of(long[] offset, long[] count) {
    long[] ones = new long[offset.length];
    Arrays.fill(ones, 1);
    return of(offset, count, ones);
  }

  /** Every {@code stride}-th element from {@code offset}, {@code count} elements per axis. */
  public static Slice of(long[] offset, long[] count, long[] stride) {
    return new Slice(offset, count, stride, new boolean[offset.length]);
  }

  /** The whole of an array of this shape. */
  public static Slice all(long[] shape) {
    return of(new long[shape.length], shape);
  }

  /**
   * Parses numpy-style selections such as {@code "0:10,5,:"} or {@code "::2,-1"} for an array of
   * {@code shape}: per axis {@code start:stop[:step]} (parts optional, negative positions count
   * from the end, steps positive) or a single index (the axis is dropped). Missing trailing axes
   * mean {@code :}.
   *
   * @throws IllegalArgumentException naming the bad part
   */
  public static Slice parse(String text, long[] shape) {
    String[] parts = text.isBlank() ? new String[0] : text.split(",", -1);
    if (parts.length > shape.length) {
      throw new IllegalArgumentException(
          "selection '" + text + "' has " + parts.length + " axes, the array " + shape.length);
    }
    int rank = shape.length;
    long[] off = new long[rank];
    long[] cnt = shape.clone();
    long[] str = new long[rank];
    boolean[] drop = new boolean[rank];
    Arrays.fill(str, 1);
    for (int d = 0; d < parts.length; d++) {
      parseAxis(parts[d].trim(), shape[d], d, off, cnt, str, drop);
    }
    return new Slice(off, cnt, str, drop);
  }

  private static void parseAxis(
      String p, long n, int d, long[] off, long[] cnt, long[] str, boolean[] drop) {
    try {
      if (!p.contains(":")) {
        long i = position(Long.parseLong(p), n);
        if (i >= n) {
          throw new IllegalArgumentException(
              "index " + p + " is out of bounds for axis " + d + " of size " + n);
        }
        off[d] = i;
        cnt[d] = 1;
        drop[d] = true;
        return;
      }
      String[] f = p.split(":", -1);
      if (f.length > 3) {
        throw new IllegalArgumentException("bad selection '" + p + "' for axis " + d);
      }
      long step = f.length == 3 && !f[2].isBlank() ? Long.parseLong(f[2].trim()) : 1;
      if (step <= 0) {
        throw new IllegalArgumentException("step must be positive on axis " + d + ": '" + p + "'");
      }
      long start = f[0].isBlank() ? 0 : Math.min(position(Long.parseLong(f[0].trim()), n), n);
      long stop = f[1].isBlank() ? n : Math.min(position(Long.parseLong(f[1].trim()), n), n);
      off[d] = start;
      str[d] = step;
      cnt[d] = stop <= start ? 0 : (stop - start + step - 1) / step;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad selection '" + p + "' for axis " + d, e);
    }
  }

  private static long position(long i, long n) {
    return i < 0 ? Math.max(0, n + i) : i;
  }

  public int rank() {
    return offset.length;
  }

  public long[] offset() {
    return offset.clone();
  }

  public long[] count() {
    return count.clone();
  }

  public long[] stride() {
    return stride.clone();
  }

  /** True for axes selected by a single index, which the result's shape leaves out. */
  public boolean dropped(int axis) {
    return dropped[axis];
  }

  /** The shape of the result: the counts of the axes not dropped. */
  public long[] resultShape() {
    return java.util.stream.IntStream.range(0, rank())
        .filter(d -> !dropped[d])
        .mapToLong(d -> count[d])
        .toArray();
  }

  /**
   * The number of elements selected.
   *
   * @throws ArithmeticException if it exceeds {@code Long.MAX_VALUE}
   */
  public long size() {
    long n = 1;
    for (long c : count) {
      if (c == 0) {
        return 0;
      }
      if (Math.multiplyHigh(n, c) != 0 || n * c < 0) {
        throw new ArithmeticException(
            "the selection " + this + " holds more than 2^63 - 1 elements");
      }
      n *= c;
    }
    return n;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int d = 0; d < rank(); d++) {
      long stop = count[d] == 0 ? offset[d] : offset[d] + (count[d] - 1) * stride[d] + 1;
      sb.append(d > 0 ? "," : "")
          .append(offset[d])
          .append(':')
          .append(stop)
          .append(stride[d] == 1 ? "" : ":" + stride[d]);
    }
    return sb.append(']').toString();
  }
}
