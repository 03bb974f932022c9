package io.refzarr.combine;

import io.refzarr.zarr.ZarrArrayMetadata;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settles an output array's encoding conflicts with the caller's resolver, editing its metadata.
 */
final class Conflicts {
  private Conflicts() {}

  static void resolve(
      ArrayAgg agg,
      ZarrArrayMetadata.Builder zarray,
      Map<String, Object> attrs,
      ConflictResolver resolver)
      throws CombineException {
    for (Map.Entry<String, TreeMap<String, String>> e : agg.conflicts().entrySet()) {
      boolean isAttr = e.getKey().startsWith("attr:");
      String field = isAttr ? e.getKey().substring(5) : e.getKey();
      Object current = isAttr ? attrs.get(field) : agg.first().md().document().get(field);
      Object chosen =
          resolver.resolve(
              new Conflict(agg.first().outPath(), field, isAttr, e.getValue(), current));
      if (chosen == ConflictResolver.DROP) {
        if (!isAttr) {
          throw new CombineException(
              CombineException.Reason.CONFLICT,
              new ArrayList<>(e.getValue().values()),
              agg.first().outPath() + " " + field + " cannot be dropped");
        }
        attrs.remove(field);
      } else if (isAttr) {
        attrs.put(field, chosen);
      } else {
        zarray.set(field, chosen);
      }
    }
  }
}
