package io.refzarr.combine;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/** Settles an output array's encoding conflicts with the caller's resolver, editing its metadata. */
final class Conflicts {
  private Conflicts() {}

  static void resolve(ArrayAgg agg, Map<String, Object> zarray, Map<String, Object> attrs,
      ConflictResolver resolver) throws CombineException {
    for (Map.Entry<String, TreeMap<String, String>> e : agg.conflicts().entrySet()) {
      boolean isAttr = e.getKey().startsWith("attr:");
      String field = isAttr ? e.getKey().substring(5) : e.getKey();
      Map<String, Object> doc = isAttr ? attrs : zarray;
      Object chosen = resolver.resolve(new Conflict(agg.first().outPath(), field, isAttr, e.getValue(),
          doc.get(field)));
      if (chosen == ConflictResolver.DROP) {
        if (!isAttr) {
          throw new CombineException(CombineException.Reason.CONFLICT, new ArrayList<>(e.getValue().values()),
              agg.first().outPath() + " " + field + " cannot be dropped");
        }
        doc.remove(field);
      } else {
        doc.put(field, chosen);
      }
    }
  }
}
