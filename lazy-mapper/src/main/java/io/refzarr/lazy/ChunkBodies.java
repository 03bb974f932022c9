package io.refzarr.lazy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decompressed data pages (and dictionaries) of the last few whole column chunks read, shared
 * by every record file of the process and bounded in bytes. fsspec's record files are one page per
 * column for 100,000 rows; a block of them is a few thousand rows of that page ({@link
 * RecordFile}), so reading a record through its blocks in order decompresses each page once, while
 * random lookups keep only what fits here rather than every page they touched.
 */
final class ChunkBodies {
  private static final long MAX_BYTES = 8L << 20;
  private static final Map<Key, Body> BODIES = new LinkedHashMap<>(16, 0.75f, true);
  private static long bytes;

  private ChunkBodies() {}

  /** A column chunk of one record file: identity of the file, row group, column role. */
  record Key(Object file, int group, int role) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.file == file && k.group == group && k.role == role;
    }

    @Override
    public int hashCode() {
      return (System.identityHashCode(file) * 31 + group) * 31 + role;
    }
  }

  /**
   * A chunk's data page, its bytes as read, its body decompressed (all of it, or as far as the
   * windows read so far needed) and its decoded dictionary (or null).
   */
  record Body(DirectPages.Page page, byte[] bytes, byte[] body, DirectPages.Dictionary dict) {
    Body withBody(byte[] longer) {
      return new Body(page, bytes, longer, dict);
    }

    long weight() {
      long w = 64 + bytes.length + body.length;
      if (dict != null && dict.bytes() != null) {
        for (byte[] b : dict.bytes()) {
          w += 16 + b.length;
        }
      } else if (dict != null) {
        w += 8L * dict.longs().length;
      }
      return w;
    }
  }

  static synchronized Body get(Key key) {
    return BODIES.get(key);
  }

  static synchronized void put(Key key, Body body) {
    long w = body.weight();
    if (w > MAX_BYTES / 2) {
      return;
    }
    Body prior = BODIES.put(key, body);
    bytes += w - (prior == null ? 0 : prior.weight());
    var it = BODIES.entrySet().iterator();
    while (bytes > MAX_BYTES && it.hasNext()) {
      bytes -= it.next().getValue().weight();
      it.remove();
    }
  }
}
