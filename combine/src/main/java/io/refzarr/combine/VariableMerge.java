package io.refzarr.combine;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * merge_vars: the union of sets; equal duplicates are fine, differing ones refused, root attrs
 * merged.
 */
final class VariableMerge {
  private final Map<String, Reference> seen = new HashMap<>();
  private final Map<String, String> owner = new HashMap<>();
  private final Map<String, Object> rootAttrs = new LinkedHashMap<>();
  private final Map<String, String> attrOwner = new HashMap<>();

  void run(List<CombineInput> inputs, ReferenceSink sink) throws IOException {
    for (CombineInput input : inputs) {
      try (ReferenceSet set = input.opener().open();
          Stream<String> keys = set.keys()) {
        Iterator<String> it = keys.iterator();
        while (it.hasNext()) {
          String key = it.next();
          add(input.name(), key, set.get(key).orElseThrow(), sink);
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    if (!attrOwner.isEmpty()) {
      sink.put(ZarrKeys.ZATTRS, new Reference.Inline(Json.writeBytes(rootAttrs)));
    }
  }

  private void add(String input, String key, Reference ref, ReferenceSink sink) throws IOException {
    if (key.equals(ZarrKeys.ZATTRS) && ref instanceof Reference.Inline) {
      mergeAttrs(input, ((Reference.Inline) ref).data());
      return;
    }
    Reference prev = seen.putIfAbsent(key, ref);
    if (prev == null) {
      owner.put(key, input);
      sink.put(key, ref);
    } else if (!sameContent(key, prev, ref)) {
      throw new CombineException(
          CombineException.Reason.KEY_COLLISION,
          List.of(owner.get(key), input),
          "key " + key + " holds " + prev + " in one input and " + ref + " in another");
    }
  }

  private static boolean sameContent(String key, Reference a, Reference b) throws IOException {
    if (a.equals(b)) {
      return true;
    }
    if (ZarrKeys.isMetadataName(ZarrKeys.name(key))
        && a instanceof Reference.Inline
        && b instanceof Reference.Inline) {
      return Json.parse(((Reference.Inline) a).data())
          .equals(Json.parse(((Reference.Inline) b).data()));
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private void mergeAttrs(String input, byte[] json) throws IOException {
    Object tree = Json.parse(json);
    if (!(tree instanceof Map)) {
      throw new CombineException(
          CombineException.Reason.KEY_COLLISION, List.of(input), ".zattrs is not an object");
    }
    for (Map.Entry<String, Object> e : ((Map<String, Object>) tree).entrySet()) {
      if (rootAttrs.containsKey(e.getKey())
          && !java.util.Objects.equals(rootAttrs.get(e.getKey()), e.getValue())) {
        throw new CombineException(
            CombineException.Reason.KEY_COLLISION,
            List.of(attrOwner.get(e.getKey()), input),
            "global attribute "
                + e.getKey()
                + " differs: "
                + Json.write(rootAttrs.get(e.getKey()))
                + " and "
                + Json.write(e.getValue()));
      }
      rootAttrs.put(e.getKey(), e.getValue());
      attrOwner.putIfAbsent(e.getKey(), input);
    }
    attrOwner.putIfAbsent("", input);
  }
}
