package io.refzarr.combine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The first pass's accumulated result: the union of coordinate values, every input's placement, the
 * output arrays' facts and the group metadata of the first input. A batch of inputs folds into a
 * Layout, and Layouts merge (associatively and commutatively) into the whole combine's: the tree
 * reduction step. Serializable, with everything it holds, so that an engine can merge layouts made
 * on other machines ({@link CombinePlanner}).
 */
final class Layout implements java.io.Serializable {
  private final List<String> dims;
  private final List<TreeSet<Object>> unions = new ArrayList<>();
  private final List<Placement> placements = new ArrayList<>();
  private final Map<String, ArrayAgg> arrays = new TreeMap<>();
  private final Map<Integer, InputShape> retained = new java.util.HashMap<>();
  private SortKey groupOwner;
  private Map<String, byte[]> groupMetadata = Map.of();
  private final Map<String, IdenticalValues> identical = new TreeMap<>();

  /** The digest of an identical dimension's values, and an input that has them. */
  private record IdenticalValues(String digest, String input) implements java.io.Serializable {}

  Layout(List<String> dims) {
    this.dims = List.copyOf(dims);
    for (int d = 0; d < dims.size(); d++) {
      unions.add(new TreeSet<>(CoordValues.ORDER));
    }
  }

  /** Adds one input's summary. */
  Layout add(InputSummary s) throws CombineException {
    Layout one = new Layout(dims);
    for (int d = 0; d < dims.size(); d++) {
      one.unions.get(d).addAll(s.values().get(d));
    }
    one.placements.add(s.placement());
    for (ArrayFacts f : s.arrays().values()) {
      one.arrays.put(f.outPath(), new ArrayAgg(f, s.placement().key()));
    }
    if (s.shape().retained() != null) {
      one.retained.put(s.placement().index(), s.shape());
    }
    one.groupOwner = s.placement().key();
    one.groupMetadata = s.groupMetadata();
    s.identical()
        .forEach(
            (array, digest) ->
                one.identical.put(array, new IdenticalValues(digest, s.placement().key().name())));
    return merge(one);
  }

  /** Merges another layout into this one. */
  Layout merge(Layout other) throws CombineException {
    for (int d = 0; d < dims.size(); d++) {
      try {
        unions.get(d).addAll(other.unions.get(d));
      } catch (IllegalArgumentException e) {
        throw new CombineException(
            CombineException.Reason.BAD_COORDINATE,
            names(other),
            dims.get(d) + ": " + e.getMessage());
      }
    }
    mergeIdentical(other);
    placements.addAll(other.placements);
    retained.putAll(other.retained);
    for (Map.Entry<String, ArrayAgg> e : other.arrays.entrySet()) {
      ArrayAgg mine = arrays.get(e.getKey());
      if (mine == null) {
        arrays.put(e.getKey(), e.getValue());
      } else {
        mine.merge(e.getValue(), dims);
      }
    }
    if (other.groupOwner != null
        && (groupOwner == null || other.groupOwner.compareTo(groupOwner) < 0)) {
      groupOwner = other.groupOwner;
      groupMetadata = other.groupMetadata;
    }
    return this;
  }

  /** Arrays of identical dimensions must hold the same values in every input. */
  private void mergeIdentical(Layout other) throws CombineException {
    for (Map.Entry<String, IdenticalValues> e : other.identical.entrySet()) {
      IdenticalValues mine = identical.putIfAbsent(e.getKey(), e.getValue());
      if (mine != null && !mine.digest().equals(e.getValue().digest())) {
        throw new CombineException(
            CombineException.Reason.CONFLICT,
            List.of(mine.input(), e.getValue().input()),
            e.getKey()
                + " is an identical dimension, but its values differ between inputs (as no"
                + " identical dimension it is taken from the first input unchecked, as kerchunk"
                + " does)");
      }
    }
  }

  private List<String> names(Layout other) {
    List<String> out = new ArrayList<>();
    if (groupOwner != null) {
      out.add(groupOwner.name());
    }
    if (other.groupOwner != null) {
      out.add(other.groupOwner.name());
    }
    return out;
  }

  List<String> dims() {
    return dims;
  }

  List<TreeSet<Object>> unions() {
    return unions;
  }

  List<Placement> placements() {
    return placements;
  }

  Map<String, ArrayAgg> arrays() {
    return arrays;
  }

  /** Small inputs kept after the first pass, by input index. */
  Map<Integer, InputShape> retained() {
    return retained;
  }

  Map<String, byte[]> groupMetadata() {
    return groupMetadata;
  }
}
