package io.refzarr.refs;

import io.refzarr.zarr.ChunkGrid;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * The references of one array's chunks, struct-of-arrays over its chunk grid: a target number (into
 * the set's target table), offset and length per chunk. Dense (indexed by flat chunk number) when
 * most chunks exist, else sorted by flat chunk number and binary-searched. Inline chunks keep their
 * bytes in a side table, indexed through the offset column.
 */
final class ChunkManifest {
  static final int MISSING = -2;
  static final int INLINE = -1;

  private final ChunkGrid grid;
  private final long[] flats; // null when dense
  private final int[] targetIds;
  private final long[] offsets;
  private final long[] lengths; // -1 for a whole target
  private final byte[][] inline;
  private final int present;

  ChunkManifest(
      ChunkGrid grid,
      long[] flats,
      int[] targetIds,
      long[] offsets,
      long[] lengths,
      byte[][] inline,
      int present) {
    this.grid = grid;
    this.flats = flats;
    this.targetIds = targetIds;
    this.offsets = offsets;
    this.lengths = lengths;
    this.inline = inline;
    this.present = present;
  }

  ChunkGrid grid() {
    return grid;
  }

  /** Number of chunks with a reference. */
  int size() {
    return present;
  }

  /** The slot of a chunk, or -1 if it has no reference. */
  int slot(long flat) {
    if (flats == null) {
      return flat < targetIds.length && targetIds[(int) flat] != MISSING ? (int) flat : -1;
    }
    int i = java.util.Arrays.binarySearch(flats, flat);
    return i >= 0 ? i : -1;
  }

  /** The slot of a chunk named by its key, or -1. */
  int slot(CharSequence chunkKey) {
    OptionalLong flat = grid.parseKey(chunkKey);
    return flat.isPresent() ? slot(flat.getAsLong()) : -1;
  }

  Reference reference(int slot, String[] targets) {
    int t = targetIds[slot];
    if (t == INLINE) {
      return new Reference.Inline(inline[(int) offsets[slot]]);
    }
    long len = lengths[slot];
    return len < 0
        ? new Reference.Whole(targets[t])
        : new Reference.Range(targets[t], offsets[slot], len);
  }

  /** The slots of present chunks, in increasing flat order. */
  java.util.stream.IntStream slots() {
    return flats != null
        ? java.util.stream.IntStream.range(0, flats.length)
        : java.util.stream.IntStream.range(0, targetIds.length)
            .filter(i -> targetIds[i] != MISSING);
  }

  /** The flat chunk number of a slot. */
  long flat(int slot) {
    return flats != null ? flats[slot] : slot;
  }

  /** Calls {@code action} with the flat number of every present chunk, in increasing order. */
  void forEachFlat(LongConsumer action) {
    if (flats != null) {
      for (long f : flats) {
        action.accept(f);
      }
    } else {
      for (int i = 0; i < targetIds.length; i++) {
        if (targetIds[i] != MISSING) {
          action.accept(i);
        }
      }
    }
  }

  /** The flat numbers of present chunks, in increasing order. */
  java.util.stream.LongStream flats() {
    if (flats != null) {
      return java.util.Arrays.stream(flats);
    }
    return java.util.stream.IntStream.range(0, targetIds.length)
        .filter(i -> targetIds[i] != MISSING)
        .asLongStream();
  }
}
