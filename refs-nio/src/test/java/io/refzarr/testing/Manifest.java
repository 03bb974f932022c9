package io.refzarr.testing;

import io.refzarr.internal.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The corpus manifest ({@code golden/manifest.json}): per set and array, the checksum of the
 * decoded values (sha256 of check_refs.py's canonical bytes: C order, little-endian for numbers)
 * and whether kerchunk's golden set reads the array right ({@code "kerchunk": "ok"}).
 */
public final class Manifest {
  private Manifest() {}

  /** One array of a set. */
  public record Array(
      String name, String sha256, String dtype, List<Object> shape, String kerchunk) {
    /** True when kerchunk's golden set holds this array with the right values. */
    public boolean readableFromGolden() {
      return "ok".equals(kerchunk);
    }
  }

  /** The arrays of a set, by name ({@code series/day_001} → {@code lat}, {@code tas}, ...). */
  @SuppressWarnings("unchecked")
  public static Map<String, Array> arrays(String set) throws IOException {
    Map<String, Object> root =
        (Map<String, Object>) Json.parse(Corpus.bytes("golden/manifest.json"));
    Map<String, Object> sets = (Map<String, Object>) root.get("sets");
    Map<String, Object> s = (Map<String, Object>) sets.get(set);
    if (s == null) {
      throw new IllegalArgumentException("the manifest has no set " + set);
    }
    Map<String, Array> out = new TreeMap<>();
    ((Map<String, Object>) s.get("arrays"))
        .forEach(
            (name, v) -> {
              Map<String, Object> a = (Map<String, Object>) v;
              out.put(
                  name,
                  new Array(
                      name,
                      (String) a.get("sha256"),
                      String.valueOf(a.get("dtype")),
                      (List<Object>) a.get("shape"),
                      (String) a.get("kerchunk")));
            });
    return out;
  }
}
