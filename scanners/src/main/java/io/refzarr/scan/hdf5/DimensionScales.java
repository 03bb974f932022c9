package io.refzarr.scan.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dimension names for {@code _ARRAY_DIMENSIONS}, by kerchunk's rules: per axis, the path (without
 * the leading slash) of the one dimension scale attached to it; a dimension scale names itself;
 * {@code phony_dim_<axis>} where there is none. Scales are found by object-header address, so the
 * map of addresses to paths is filled while the tree is walked.
 */
final class DimensionScales {
  private final Map<Long, String> pathsByAddress = new HashMap<>();

  void register(long address, String path) {
    pathsByAddress.putIfAbsent(address, path);
  }

  static boolean isScale(Node node) {
    Attribute cls = node.getAttributes().get("CLASS");
    if (cls == null) {
      return false;
    }
    try {
      return "DIMENSION_SCALE".equals(cls.getData());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The dimension names of a dataset of the given rank at {@code path} (no leading slash).
   *
   * @throws Unsupported if an axis has more than one scale attached (kerchunk refuses those too)
   */
  List<String> names(Node node, String path, int rank) throws Unsupported {
    Object[] attached = attached(node, rank);
    boolean scale = isScale(node);
    List<String> names = new ArrayList<>(rank);
    for (int axis = 0; axis < rank; axis++) {
      Object refs = attached == null ? null : attached[axis];
      int count = refs == null ? 0 : Array.getLength(refs);
      if (count == 1) {
        String target = pathsByAddress.get(((Number) Array.get(refs, 0)).longValue());
        names.add(target != null ? target : scale ? path : "phony_dim_" + axis);
      } else if (scale) {
        names.add(path);
      } else if (count > 1) {
        throw new Unsupported(count + " dimension scales attached to axis " + axis);
      } else {
        names.add("phony_dim_" + axis);
      }
    }
    return names;
  }

  /** DIMENSION_LIST as one array of object addresses per axis, or null if absent or unreadable. */
  private static Object[] attached(Node node, int rank) {
    Attribute list = node.getAttributes().get("DIMENSION_LIST");
    if (list == null) {
      return null;
    }
    try {
      Object data = list.getData();
      if (data instanceof Object[] && ((Object[]) data).length == rank) {
        return (Object[]) data;
      }
    } catch (RuntimeException e) {
      // an unreadable DIMENSION_LIST is treated as none, as h5py's dims view would show no scales
    }
    return null;
  }
}
