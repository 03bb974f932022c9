package io.refzarr.bridge;

/**
 * Where one chunk meets a slice: per array axis the first source element (in the chunk) and
 * destination element (in the result), the steps, and the count. {@link #forEachRun} walks the box
 * as runs along the last axis, which is the unit the copiers work in.
 */
final class Region {
  private final long[] srcStart;
  private final long[] srcStep;
  private final long[] dstStep;
  private final long[] dstStart;
  private final long[] count;

  private Region(int rank) {
    srcStart = new long[rank];
    srcStep = new long[rank];
    dstStep = new long[rank];
    dstStart = new long[rank];
    count = new long[rank];
  }

  /** Copies a run of {@code n} elements. Positions are element numbers. */
  interface RunCopier {
    void copy(long srcPos, long srcStep, long dstPos, int n);
  }

  /**
   * The part of chunk {@code index} that slice {@code s} selects, or null if none; {@code
   * srcStrides} are the chunk's element strides per array axis (all zero to read one fill element
   * everywhere).
   */
  static Region of(ArrayLayout a, Slice s, long[] index, long[] srcStrides) {
    int rank = a.rank();
    long[] off = s.offset();
    long[] str = s.stride();
    long[] cnt = s.count();
    Region r = new Region(rank);
    long dstStride = 1;
    for (int d = rank - 1; d >= 0; d--) {
      long c0 = index[d] * a.chunks()[d];
      long c1 = Math.min(c0 + a.chunks()[d], a.shape()[d]);
      long lo = c0 <= off[d] ? 0 : ceilDiv(c0 - off[d], str[d]);
      long hi = Math.min(cnt[d] - 1, c1 - 1 < off[d] ? -1 : (c1 - 1 - off[d]) / str[d]);
      if (lo > hi) {
        return null;
      }
      r.count[d] = hi - lo + 1;
      r.srcStart[d] = (off[d] + lo * str[d] - c0) * srcStrides[d];
      r.srcStep[d] = str[d] * srcStrides[d];
      r.dstStart[d] = lo * dstStride;
      r.dstStep[d] = dstStride;
      dstStride *= cnt[d];
    }
    return r;
  }

  /** Element strides of a chunk stored with {@code storedAxes} (see {@link ArrayLayout}). */
  static long[] chunkStrides(ArrayLayout a) {
    int[] axes = a.storedAxes();
    long[] strides = new long[axes.length];
    long s = 1;
    for (int k = axes.length - 1; k >= 0; k--) {
      strides[axes[k]] = s;
      s *= a.chunks()[axes[k]];
    }
    return strides;
  }

  void forEachRun(RunCopier copier) {
    int rank = count.length;
    int last = rank - 1;
    long[] i = new long[rank];
    int n = (int) count[last];
    while (true) {
      long src = srcStart[last];
      long dst = dstStart[last];
      for (int d = 0; d < last; d++) {
        src += srcStart[d] + i[d] * srcStep[d];
        dst += dstStart[d] + i[d] * dstStep[d];
      }
      copier.copy(src, srcStep[last], dst, n);
      int d = last - 1;
      while (d >= 0 && ++i[d] == count[d]) {
        i[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
