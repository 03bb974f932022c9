package io.refzarr.combine;

import io.refzarr.internal.json.Json;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One output array across inputs: the first input's facts (in coordinate order), and every distinct
 * value of each encoding field with the least input name holding it. Merging is associative and
 * commutative.
 */
final class ArrayAgg implements java.io.Serializable {
  private ArrayFacts first;
  private SortKey owner;
  private final Map<String, Map<Object, String>> encodings = new HashMap<>();

  ArrayAgg(ArrayFacts facts, SortKey key) {
    this.first = facts;
    this.owner = key;
    facts
        .encoding()
        .forEach((f, v) -> encodings.computeIfAbsent(f, x -> new HashMap<>(2)).put(v, key.name()));
  }

  ArrayFacts first() {
    return first;
  }

  SortKey owner() {
    return owner;
  }

  /** Field → (distinct JSON value → an input holding it), for fields with more than one value. */
  Map<String, TreeMap<String, String>> conflicts() {
    Map<String, TreeMap<String, String>> out = new TreeMap<>();
    encodings.forEach(
        (f, values) -> {
          if (values.size() > 1) {
            TreeMap<String, String> byJson = new TreeMap<>();
            values.forEach(
                (v, name) ->
                    byJson.put(v == ArrayFacts.ABSENT ? ArrayFacts.ABSENT : Json.write(v), name));
            out.put(f, byJson);
          }
        });
    return out;
  }

  void merge(ArrayAgg other, List<String> concatDims) throws CombineException {
    if (first.role() == ArrayRole.DATA) {
      checkStructure(
          other, concatDims); // coordinate arrays are rewritten, their layout does not matter
    }
    other.encodings.forEach(
        (f, values) -> {
          Map<Object, String> mine = encodings.computeIfAbsent(f, x -> new HashMap<>(2));
          values.forEach((v, name) -> mine.merge(v, name, (a, b) -> a.compareTo(b) <= 0 ? a : b));
        });
    if (other.owner.compareTo(owner) < 0) {
      first = other.first;
      owner = other.owner;
    }
  }

  private void checkStructure(ArrayAgg other, List<String> concatDims) throws CombineException {
    ArrayFacts a = first;
    ArrayFacts b = other.first;
    List<String> names = List.of(owner.name(), other.owner.name());
    if (!a.dims().equals(b.dims())) {
      throw new CombineException(
          CombineException.Reason.SHAPE_MISMATCH,
          names,
          a.outPath()
              + " has dimensions "
              + a.dims()
              + " in one input and "
              + b.dims()
              + " in another");
    }
    if (!Arrays.equals(a.md().chunks(), b.md().chunks())) {
      throw new CombineException(
          CombineException.Reason.CHUNK_MISMATCH,
          names,
          a.outPath()
              + " has chunks "
              + Arrays.toString(a.md().chunks())
              + " in one input and "
              + Arrays.toString(b.md().chunks())
              + " in another");
    }
    for (int axis = 0; axis < a.dims().size(); axis++) {
      if (!concatDims.contains(a.dims().get(axis))
          && a.md().shape()[axis] != b.md().shape()[axis]) {
        throw new CombineException(
            CombineException.Reason.SHAPE_MISMATCH,
            names,
            a.outPath()
                + " has extent "
                + a.md().shape()[axis]
                + " along "
                + a.dims().get(axis)
                + " in one input and "
                + b.md().shape()[axis]
                + " in another (not a concat dimension)");
      }
    }
  }
}
