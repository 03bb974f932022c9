package io.refzarr.refs;

import io.refzarr.zarr.ChunkGrid;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Collects references in any order and builds an immutable in-memory {@link ReferenceSet}. Chunk
 * keys of arrays whose {@code .zarray} is in the set are stored compactly (struct-of-arrays over
 * the chunk grid, each distinct target once); every other key is kept as is. A later {@code put} of
 * the same key wins.
 *
 * <p>Not thread-safe; a builder builds one set.
 */
public final class ReferenceSetBuilder implements ReferenceSink {
  private final Map<String, Integer> targetIds = new HashMap<>();
  private final List<String> targets = new ArrayList<>();
  private final LinkedHashMap<String, Reference> others = new LinkedHashMap<>();
  private final Map<String, PendingArray> pending = new HashMap<>();
  private PendingArray lastPending;
  private boolean built;

  ReferenceSetBuilder() {}

  /** Adds (or replaces) a reference. */
  @Override
  public void put(String key, Reference ref) {
    checkKey(key);
    if (ref instanceof Reference.Inline in) {
      putInline(key, in.data());
    } else {
      Reference.Targeted t = (Reference.Targeted) ref;
      putTargetRef(key, t.target(), t.offset(), t.length());
    }
  }

  /** Adds a chunk's reference by its grid index, without making and parsing its key. */
  @Override
  public void putChunk(String array, long[] index, Reference ref) {
    PendingArray a = lastPending;
    if (!(ref instanceof Reference.Range r)
        || a == null
        || a.rank != index.length
        || !a.prefix.equals(array)
        || !nonNegative(index)) {
      put(ZarrKeys.chunkKey(array, index), ref); // the general path, which also validates the key
      return;
    }
    a.nextIndex = index;
    a.addTarget(targetId(r.target()), r.offset(), r.length());
  }

  private static boolean nonNegative(long[] index) {
    for (long i : index) {
      if (i < 0) {
        return false;
      }
    }
    return true;
  }

  /** Adds inline bytes. */
  public ReferenceSetBuilder putInline(String key, byte[] data) {
    checkKey(key);
    PendingArray array = chunkArray(key);
    if (array == null) {
      others.put(key, new Reference.Inline(data));
    } else {
      array.addInline(data);
    }
    return this;
  }

  /** Adds a byte range ({@code length >= 0}) or, with {@code length == -1}, a whole target. */
  public ReferenceSetBuilder putTargetRef(String key, String target, long offset, long length) {
    checkKey(key);
    Reference ref =
        length < 0 ? new Reference.Whole(target) : new Reference.Range(target, offset, length);
    int id = targetId(target); // every target is in the table, so build() rewrites each once
    PendingArray array = chunkArray(key);
    if (array == null) {
      others.put(key, ref);
    } else {
      array.addTarget(id, offset, length);
    }
    return this;
  }

  /** Does nothing: call {@link #build()} to get the set. */
  @Override
  public void close() {}

  /** Builds the set. */
  public ReferenceSet build() {
    return build(UnaryOperator.identity());
  }

  /**
   * Builds the set, rewriting every distinct target once with {@code rewrite} (template
   * substitution).
   *
   * @throws IllegalArgumentException if a rewritten target is not usable
   */
  ReferenceSet build(UnaryOperator<String> rewrite) {
    if (built) {
      throw new IllegalStateException("this builder has already built its set");
    }
    built = true;
    String[] table = new String[targets.size()];
    for (int i = 0; i < table.length; i++) {
      table[i] = rewrite.apply(targets.get(i));
      new Reference.Whole(table[i]); // validates the rewritten target
    }
    Map<String, Reference> plain = new LinkedHashMap<>();
    for (Map.Entry<String, Reference> e : others.entrySet()) {
      plain.put(e.getKey(), rewriteRef(e.getValue(), rewrite));
    }
    Map<String, ChunkManifest> manifests = new HashMap<>();
    for (PendingArray array : pending.values()) {
      ChunkManifest m = array.toManifest(plain);
      if (m != null) {
        manifests.put(array.prefix, m);
      } else {
        array.spill(plain, table);
      }
    }
    return new CompactReferenceSet(table, plain, manifests);
  }

  private static Reference rewriteRef(Reference ref, UnaryOperator<String> rewrite) {
    return ref instanceof Reference.Targeted t ? t.withTarget(rewrite.apply(t.target())) : ref;
  }

  /** The distinct targets seen so far (before rewriting), for callers that validate templates. */
  List<String> targets() {
    return targets;
  }

  int targetId(String target) {
    Integer id = targetIds.get(target);
    if (id == null) {
      new Reference.Whole(target); // validates
      id = targets.size();
      targets.add(target);
      targetIds.put(target, id);
    }
    return id;
  }

  /**
   * The pending array that {@code key} is a chunk of (name part of canonical chunk-key form), or
   * null. Chunk keys are recognised by form only; whether the array really has such a chunk is
   * decided at build.
   */
  private PendingArray chunkArray(String key) {
    int slash = key.lastIndexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (name.isEmpty() || name.charAt(0) < '0' || name.charAt(0) > '9') {
      return null;
    }
    int rank = 1;
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) == '.') {
        rank++;
      }
    }
    long[] index = ChunkGrid.parseIndex(name, '.', rank);
    if (index == null) {
      return null;
    }
    String prefix = slash < 0 ? "" : key.substring(0, slash);
    PendingArray array = lastPending;
    if (array == null || !array.prefix.equals(prefix)) {
      array = pending.computeIfAbsent(prefix, p -> new PendingArray(p, index.length));
      lastPending = array;
    }
    if (array.rank != index.length) {
      return null;
    }
    array.nextIndex = index;
    return array;
  }

  /**
   * Whether the set has the {@code .zarray} of the array at {@code prefix} ({@code ""} for the
   * root).
   */
  boolean hasArrayMetadata(String prefix) {
    return others.containsKey(prefix.isEmpty() ? ".zarray" : prefix + "/.zarray");
  }

  /** Whether {@code name} (the last key segment) has the form of a chunk name ({@code 0.1.2}). */
  static boolean isChunkName(String name) {
    if (name.isEmpty() || name.charAt(0) < '0' || name.charAt(0) > '9') {
      return false;
    }
    int rank = 1;
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) == '.') {
        rank++;
      }
    }
    return ChunkGrid.parseIndex(name, '.', rank) != null;
  }

  private static void checkKey(String key) {
    String reason = StoreKeys.problem(key);
    if (reason != null) {
      throw new IllegalArgumentException(
          "not a store key: " + StoreKeys.quote(key) + ": " + reason);
    }
  }

  /**
   * Chunks of one array prefix as they arrive: growable columns, resolved against the grid at
   * build.
   */
  private static final class PendingArray {
    final String prefix;
    final int rank;
    long[] nextIndex;
    long[] coords = new long[64];
    int[] tids = new int[16];
    long[] offs = new long[16];
    long[] lens = new long[16];
    final List<byte[]> inline = new ArrayList<>();
    int n;

    PendingArray(String prefix, int rank) {
      this.prefix = prefix;
      this.rank = rank;
    }

    void addTarget(int tid, long off, long len) {
      add(tid, off, len);
    }

    void addInline(byte[] data) {
      add(ChunkManifest.INLINE, inline.size(), 0);
      inline.add(data);
    }

    private void add(int tid, long off, long len) {
      if (n == tids.length) {
        int cap = n * 2;
        tids = Arrays.copyOf(tids, cap);
        offs = Arrays.copyOf(offs, cap);
        lens = Arrays.copyOf(lens, cap);
        coords = Arrays.copyOf(coords, cap * rank);
      }
      if (coords.length < (n + 1) * rank) {
        coords = Arrays.copyOf(coords, tids.length * rank);
      }
      System.arraycopy(nextIndex, 0, coords, n * rank, rank);
      tids[n] = tid;
      offs[n] = off;
      lens[n] = len;
      n++;
    }

    String key(int i) {
      StringBuilder sb = new StringBuilder(prefix.length() + rank * 4);
      if (!prefix.isEmpty()) {
        sb.append(prefix).append('/');
      }
      for (int d = 0; d < rank; d++) {
        if (d > 0) {
          sb.append('.');
        }
        sb.append(coords[i * rank + d]);
      }
      return sb.toString();
    }

    /** The compact manifest, or null if these keys do not fit a {@code .zarray} of the set. */
    ChunkManifest toManifest(Map<String, Reference> plain) {
      Reference meta = plain.get(ZarrKeys.join(prefix, ZarrKeys.ZARRAY));
      if (!(meta instanceof Reference.Inline)) {
        return null;
      }
      ChunkGrid grid;
      try {
        ZarrArrayMetadata md = ZarrArrayMetadata.parse(((Reference.Inline) meta).data());
        if (md.dimensionSeparator() != '.') {
          return null;
        }
        grid = md.grid();
      } catch (IOException | RuntimeException e) {
        return null; // not valid Zarr metadata: keep the keys as plain keys
      }
      if (grid.keyRank() != rank) {
        return null;
      }
      long[] flat = new long[n];
      long[] idx = new long[rank];
      for (int i = 0; i < n; i++) {
        System.arraycopy(coords, i * rank, idx, 0, rank);
        flat[i] = grid.flatIndex(idx);
        if (flat[i] < 0) {
          return null;
        }
      }
      coords = null;
      byte[][] inlineTable = inline.toArray(new byte[0][]);
      long count = grid.chunkCount();
      if (count <= Integer.MAX_VALUE - 8 && count <= 2L * n + 1024) {
        return dense(grid, flat, (int) count, inlineTable);
      }
      return sparse(grid, flat, inlineTable);
    }

    private ChunkManifest dense(ChunkGrid grid, long[] flat, int count, byte[][] inlineTable) {
      int[] t = new int[count];
      Arrays.fill(t, ChunkManifest.MISSING);
      long[] o = new long[count];
      long[] l = new long[count];
      int present = 0;
      for (int i = 0; i < n; i++) {
        int f = (int) flat[i];
        if (t[f] == ChunkManifest.MISSING) {
          present++;
        }
        t[f] = tids[i];
        o[f] = offs[i];
        l[f] = lens[i];
      }
      return new ChunkManifest(grid, null, t, o, l, inlineTable, present);
    }

    private ChunkManifest sparse(ChunkGrid grid, long[] flat, byte[][] inlineTable) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      // stable sort keeps insertion order among duplicates, so the last put of a key wins below
      Arrays.sort(order, (a, b) -> Long.compare(flat[a], flat[b]));
      int m = 0;
      long[] f = new long[n];
      int[] t = new int[n];
      long[] o = new long[n];
      long[] l = new long[n];
      for (int k = 0; k < n; k++) {
        int i = order[k];
        if (m > 0 && f[m - 1] == flat[i]) {
          m--;
        }
        f[m] = flat[i];
        t[m] = tids[i];
        o[m] = offs[i];
        l[m] = lens[i];
        m++;
      }
      return new ChunkManifest(
          grid,
          Arrays.copyOf(f, m),
          Arrays.copyOf(t, m),
          Arrays.copyOf(o, m),
          Arrays.copyOf(l, m),
          inlineTable,
          m);
    }

    /** Moves these entries into the plain map, for arrays that cannot be stored compactly. */
    void spill(Map<String, Reference> plain, String[] table) {
      for (int i = 0; i < n; i++) {
        Reference ref;
        if (tids[i] == ChunkManifest.INLINE) {
          ref = new Reference.Inline(inline.get((int) offs[i]));
        } else if (lens[i] < 0) {
          ref = new Reference.Whole(table[tids[i]]);
        } else {
          ref = new Reference.Range(table[tids[i]], offs[i], lens[i]);
        }
        plain.put(key(i), ref);
      }
    }
  }
}
