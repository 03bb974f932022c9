package io.refzarr.interop;

import io.refzarr.internal.json.Json;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The arrays of the corpus manifest ({@code golden/manifest.json}) with the golden JSON set of
 * each, and check_refs.py's canonical bytes ({@code canonical_bytes}) of the Java arrays the
 * readers return: numbers little-endian with one NaN bit pattern, bool as uint8.
 */
final class Golden {
  private static final Map<String, FileSystem> OPEN = new ConcurrentHashMap<>();

  private Golden() {}

  /** One array of one set. */
  record Entry(String set, String golden, String array, Map<String, Object> spec) {
    String status() {
      return String.valueOf(spec.get("kerchunk"));
    }

    String dtype() {
      return String.valueOf(spec.get("dtype"));
    }

    int[] shape() {
      return ((List<?>) spec.get("shape"))
          .stream().mapToInt(x -> ((Number) x).intValue()).toArray();
    }

    /** The manifest's checksum, and kerchunk's own for arrays kerchunk reads differently. */
    List<Object> checksums() {
      return status().equals("mismatch")
          ? List.of(spec.get("sha256"), spec.get("kerchunk_sha256"))
          : List.of(spec.get("sha256"));
    }

    /** Numbers and bools: what a reader that returns Java primitive arrays can return. */
    boolean numeric() {
      return dtype().matches("[<>|][biuf]\\d+");
    }

    int rank() {
      return shape().length;
    }

    /** The raw set stores this array with filters (kerchunk's zlib and shuffle). */
    boolean filtered() {
      return spec.get("filters") != null;
    }

    /** The array's path parts below the set's root. */
    String[] parts() {
      return array.split("/");
    }

    @Override
    public String toString() {
      return set + ":" + array + " " + dtype();
    }
  }

  /** Every array kerchunk's golden sets hold (not the {@code missing} ones). */
  @SuppressWarnings("unchecked")
  static List<Entry> entries() throws IOException {
    Map<String, Object> m = (Map<String, Object>) Json.parse(Corpus.bytes("golden/manifest.json"));
    List<Entry> out = new ArrayList<>();
    ((Map<String, Object>) m.get("sets"))
        .forEach(
            (set, v) -> {
              Map<String, Object> s = (Map<String, Object>) v;
              String json =
                  ((List<String>) s.get("golden"))
                      .stream().filter(g -> g.endsWith(".json")).findFirst().orElseThrow();
              ((Map<String, Object>) s.get("arrays"))
                  .forEach(
                      (array, spec) -> {
                        Entry e = new Entry(set, json, array, (Map<String, Object>) spec);
                        if (!e.status().equals("missing")) {
                          out.add(e);
                        }
                      });
            });
    return out;
  }

  /**
   * The golden set of {@code e} opened with {@code view} (shared by the tests, closed with the
   * JVM).
   */
  static FileSystem fs(Entry e, String view) throws IOException {
    String id = e.golden() + "|" + view;
    FileSystem fs = OPEN.get(id);
    if (fs == null) {
      synchronized (OPEN) {
        fs = OPEN.get(id);
        if (fs == null) {
          fs =
              FileSystems.newFileSystem(
                  Corpus.file(e.golden()), Map.of("root", Corpus.dir(), "view", view));
          OPEN.put(id, fs);
        }
      }
    }
    return fs;
  }

  /**
   * The sha256 of the canonical bytes of a Java array holding elements of {@code itemSize} bytes.
   */
  static String sha256(Object javaArray, int itemSize) {
    return hex(digest(canonical(javaArray, itemSize)));
  }

  /** The item size of a numpy type string such as {@code "<f4"}. */
  static int itemSize(String dtype) {
    return Integer.parseInt(dtype.substring(2));
  }

  static byte[] canonical(Object a, int itemSize) {
    int n = java.lang.reflect.Array.getLength(a);
    ByteBuffer b = ByteBuffer.allocate(n * itemSize).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      if (a instanceof float[] f) {
        b.putInt(Float.isNaN(f[i]) ? 0x7fc00000 : Float.floatToRawIntBits(f[i]));
      } else if (a instanceof double[] d) {
        b.putLong(Double.isNaN(d[i]) ? 0x7ff8000000000000L : Double.doubleToRawLongBits(d[i]));
      } else if (a instanceof boolean[] z) {
        b.put((byte) (z[i] ? 1 : 0));
      } else {
        long v = ((Number) java.lang.reflect.Array.get(a, i)).longValue();
        for (int k = 0; k < itemSize; k++) {
          b.put((byte) (v >>> (8 * k)));
        }
      }
    }
    return b.array();
  }

  private static byte[] digest(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
