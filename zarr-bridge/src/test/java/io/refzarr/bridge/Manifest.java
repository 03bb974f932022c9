package io.refzarr.bridge;

import io.refzarr.internal.json.Json;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The corpus manifest ({@code golden/manifest.json}): one entry per (set, array). */
final class Manifest {
  private Manifest() {}

  /** One array of one set, with the golden JSON reference file of the set. */
  record Entry(String set, String golden, String source, String array, Map<String, Object> spec) {
    String status() {
      return String.valueOf(spec.get("kerchunk"));
    }

    long[] shape() {
      return ((List<?>) spec.get("shape"))
          .stream().mapToLong(x -> ((Number) x).longValue()).toArray();
    }

    @Override
    public String toString() {
      return set + ":" + array;
    }
  }

  @SuppressWarnings("unchecked")
  static List<Entry> goldenJsonEntries() throws IOException {
    Map<String, Object> m = (Map<String, Object>) Json.parse(Corpus.bytes("golden/manifest.json"));
    List<Entry> out = new ArrayList<>();
    Map<String, Object> sets = (Map<String, Object>) m.get("sets");
    sets.forEach(
        (set, v) -> {
          Map<String, Object> s = (Map<String, Object>) v;
          String json =
              ((List<String>) s.get("golden"))
                  .stream().filter(g -> g.endsWith(".json")).findFirst().orElseThrow();
          String source = s.get("source") instanceof String src ? src : null;
          ((Map<String, Object>) s.get("arrays"))
              .forEach(
                  (array, spec) ->
                      out.add(new Entry(set, json, source, array, (Map<String, Object>) spec)));
        });
    return out;
  }
}
