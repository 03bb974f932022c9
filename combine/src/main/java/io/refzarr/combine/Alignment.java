package io.refzarr.combine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Places inputs on the union of coordinates and proves the placement is representable: each input
 * covers a contiguous run along each concat dimension; runs along a dimension either coincide or do
 * not overlap (inputs form a grid); no two inputs share a cell; and every run starts on a chunk
 * boundary and is a whole number of chunks, except the last along the dimension. kerchunk checks
 * none of this and writes wrong keys instead.
 */
final class Alignment {
  private final List<String> dims;
  private final Object[][] coords;

  Alignment(List<String> dims, Object[][] coords) {
    this.dims = dims;
    this.coords = coords;
  }

  /** Start position of every placement along every dimension, by input index. */
  Map<Integer, int[]> place(List<Placement> sorted, Map<String, long[]> chunkSizesByDim)
      throws CombineException {
    Map<Integer, int[]> starts = new HashMap<>();
    List<Map<Long, String>> runs = new ArrayList<>(); // per dim: (start << 32 | end) -> an input
    for (int d = 0; d < dims.size(); d++) {
      runs.add(new TreeMap<>());
    }
    Map<List<Integer>, String> cells = new HashMap<>();
    for (Placement p : sorted) {
      int[] s = new int[dims.size()];
      for (int d = 0; d < dims.size(); d++) {
        s[d] = run(p, d);
        runs.get(d).putIfAbsent(((long) s[d] << 32) | (s[d] + p.count()[d] - 1), p.name());
      }
      String other = cells.putIfAbsent(Arrays.stream(s).boxed().toList(), p.name());
      if (other != null) {
        throw new CombineException(
            CombineException.Reason.DUPLICATE,
            List.of(other, p.name()),
            "two inputs start at the same coordinates "
                + Arrays.toString(p.first())
                + " along "
                + dims);
      }
      starts.put(p.index(), s);
    }
    for (int d = 0; d < dims.size(); d++) {
      checkRuns(d, runs.get(d), chunkSizesByDim.getOrDefault(dims.get(d), new long[0]));
    }
    return starts;
  }

  private int run(Placement p, int d) throws CombineException {
    int start = Arrays.binarySearch(coords[d], p.first()[d], CoordValues.ORDER);
    int end = Arrays.binarySearch(coords[d], p.last()[d], CoordValues.ORDER);
    if (end - start + 1 != p.count()[d]) {
      throw new CombineException(
          CombineException.Reason.MISALIGNED,
          List.of(p.name()),
          "its "
              + p.count()[d]
              + " "
              + dims.get(d)
              + " values from "
              + p.first()[d]
              + " to "
              + p.last()[d]
              + " interleave with other inputs' values ("
              + (end - start + 1)
              + " values in that range)");
    }
    return start;
  }

  private void checkRuns(int d, Map<Long, String> runs, long[] chunkSizes) throws CombineException {
    long prevEnd = -1;
    String prevName = null;
    int total = coords[d].length;
    for (Map.Entry<Long, String> e : runs.entrySet()) {
      int start = (int) (e.getKey() >>> 32);
      int end = (int) (long) e.getKey();
      if (start <= prevEnd) {
        throw new CombineException(
            CombineException.Reason.MISALIGNED,
            List.of(prevName, e.getValue()),
            "their "
                + dims.get(d)
                + " ranges overlap (positions up to "
                + prevEnd
                + " and from "
                + start
                + ")");
      }
      for (long chunk : chunkSizes) {
        checkChunk(d, start, end, total, chunk, prevName, e.getValue());
      }
      prevEnd = end;
      prevName = e.getValue();
    }
  }

  private void checkChunk(
      int d, int start, int end, int total, long chunk, String prev, String name)
      throws CombineException {
    int len = end - start + 1;
    if (start % chunk != 0 || (len % chunk != 0 && end != total - 1)) {
      List<String> names = prev == null ? List.of(name) : List.of(prev, name);
      throw new CombineException(
          CombineException.Reason.MISALIGNED,
          names,
          name
              + " covers "
              + dims.get(d)
              + " positions "
              + start
              + ".."
              + end
              + ", which does not fit chunks of "
              + chunk
              + " along "
              + dims.get(d)
              + " (every input but the last must hold whole chunks)");
    }
  }

  /** Chunk sizes of data arrays along each concat dimension they have. */
  static Map<String, long[]> chunkSizes(Map<String, ArrayAgg> arrays, List<String> dims) {
    Map<String, TreeSet<Long>> sizes = new HashMap<>();
    for (ArrayAgg a : arrays.values()) {
      ArrayFacts f = a.first();
      if (f.role() != ArrayRole.DATA) {
        continue;
      }
      for (int axis = 0; axis < f.dims().size(); axis++) {
        if (dims.contains(f.dims().get(axis))) {
          sizes
              .computeIfAbsent(f.dims().get(axis), x -> new TreeSet<>())
              .add(f.md().chunks()[axis]);
        }
      }
    }
    Map<String, long[]> out = new HashMap<>();
    sizes.forEach((dim, s) -> out.put(dim, s.stream().mapToLong(Long::longValue).toArray()));
    return out;
  }
}
