package io.refzarr.combine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The output fixed by the first pass: coordinates, where each input goes, the output metadata, and
 * the first input (in coordinate order) whose identical arrays and other keys are copied.
 */
final class Plan {
  private final List<String> dims;
  private final Object[][] coords;
  private final List<Placement> sorted;
  private final Map<Integer, int[]> starts;
  private final Map<String, ArrayAgg> arrays;
  private final Map<String, byte[]> metadata;
  private final Map<Integer, InputShape> retained;

  private Plan(
      List<String> dims,
      Object[][] coords,
      List<Placement> sorted,
      Map<Integer, int[]> starts,
      Map<String, ArrayAgg> arrays,
      Map<String, byte[]> metadata,
      Map<Integer, InputShape> retained) {
    this.dims = dims;
    this.coords = coords;
    this.sorted = sorted;
    this.starts = starts;
    this.arrays = arrays;
    this.metadata = metadata;
    this.retained = retained;
  }

  static Plan of(Layout layout, CombineSpec spec) throws CombineException {
    List<String> dims = layout.dims();
    Object[][] coords = new Object[dims.size()][];
    for (int d = 0; d < dims.size(); d++) {
      coords[d] = layout.unions().get(d).toArray();
    }
    List<Placement> sorted = new ArrayList<>(layout.placements());
    sorted.sort((a, b) -> a.key().compareTo(b.key()));
    Map<Integer, int[]> starts =
        new Alignment(dims, coords).place(sorted, Alignment.chunkSizes(layout.arrays(), dims));
    Map<String, byte[]> metadata = new TreeMap<>(layout.groupMetadata());
    Map<String, Integer> sizes = new HashMap<>();
    for (int d = 0; d < dims.size(); d++) {
      sizes.put(dims.get(d), coords[d].length);
      new CoordinateArrays(spec)
          .write(dims.get(d), coords[d], layout.arrays().get(dims.get(d)), metadata);
    }
    for (ArrayAgg a : layout.arrays().values()) {
      if (a.first().role() == ArrayRole.DATA) {
        new DataArrays(spec).write(a, sizes, metadata);
      }
    }
    return new Plan(dims, coords, sorted, starts, layout.arrays(), metadata, layout.retained());
  }

  /** Inputs in coordinate order. */
  List<Placement> placements() {
    return sorted;
  }

  /** The input whose identical arrays and other keys are copied. */
  int firstInput() {
    return sorted.get(0).index();
  }

  int[] start(int input) {
    return starts.get(input);
  }

  List<String> dims() {
    return dims;
  }

  /** The output data array of this path, if any. */
  ArrayAgg array(String outPath) {
    return arrays.get(outPath);
  }

  /** Output metadata and coordinate keys, sorted. */
  Map<String, byte[]> metadata() {
    return metadata;
  }

  /** The retained shape of a small input, or null if it must be read again. */
  InputShape retained(int input) {
    return retained.get(input);
  }

  int size(int dim) {
    return coords[dim].length;
  }
}
