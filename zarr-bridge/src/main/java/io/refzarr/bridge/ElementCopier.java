package io.refzarr.bridge;

/**
 * Copies runs of fixed-size elements between byte arrays, byte-swapping to little-endian on the
 * way.
 */
final class ElementCopier {
  private final int size;
  private final boolean swap;
  private final int[] sourceByte;

  ElementCopier(DataType type, boolean swap) {
    this.size = type.size();
    this.swap = swap;
    this.sourceByte = swap ? swapMap(type) : null;
  }

  void copy(byte[] src, long srcPos, long srcStep, byte[] dst, long dstPos, int n) {
    int s = (int) (srcPos * size);
    int d = (int) (dstPos * size);
    if (!swap && srcStep == 1) {
      System.arraycopy(src, s, dst, d, n * size);
      return;
    }
    int step = (int) (srcStep * size);
    for (int k = 0; k < n; k++, s += step, d += size) {
      if (swap) {
        for (int b = 0; b < size; b++) {
          dst[d + b] = src[s + sourceByte[b]];
        }
      } else {
        System.arraycopy(src, s, dst, d, size);
      }
    }
  }

  /**
   * Like {@link #copy}, from a chunk of {@code chunkElements} elements that is still byte-shuffled:
   * byte {@code b} of element {@code e} is at {@code src[b * chunkElements + e]}.
   */
  void copyShuffled(
      byte[] src, int chunkElements, long srcPos, long srcStep, byte[] dst, long dstPos, int n) {
    int e = (int) srcPos;
    int step = (int) srcStep;
    int d = (int) (dstPos * size);
    if (size == 4 && !swap) {
      int s1 = chunkElements;
      int s2 = 2 * chunkElements;
      int s3 = 3 * chunkElements;
      for (int k = 0; k < n; k++, e += step, d += 4) {
        dst[d] = src[e];
        dst[d + 1] = src[s1 + e];
        dst[d + 2] = src[s2 + e];
        dst[d + 3] = src[s3 + e];
      }
      return;
    }
    for (int k = 0; k < n; k++, e += step, d += size) {
      for (int b = 0; b < size; b++) {
        dst[d + b] = src[(swap ? sourceByte[b] : b) * chunkElements + e];
      }
    }
  }

  // For each byte of a little-endian element, the byte of the stored element it comes from.
  private static int[] swapMap(DataType t) {
    int[] map = new int[t.size()];
    for (int b = 0; b < map.length; b++) {
      map[b] = b;
    }
    if (t.kind() == DataType.Kind.STRUCT) {
      for (DataType.Field f : t.fields()) {
        if (f.type().needsSwap()) {
          reverseUnits(map, f.offset(), f.type().size(), f.type().swapUnit());
        }
      }
    } else {
      reverseUnits(map, 0, t.size(), t.swapUnit());
    }
    return map;
  }

  private static void reverseUnits(int[] map, int from, int len, int unit) {
    for (int u = from; u < from + len; u += unit) {
      for (int b = 0; b < unit; b++) {
        map[u + b] = u + unit - 1 - b;
      }
    }
  }
}
