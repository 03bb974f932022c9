package io.refzarr.combine;

import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the second pass needs of one input: the role, metadata and dimensions of each array, and,
 * for a small input, its references themselves, so that it is not opened a second time. Only keys
 * that can reach the output are kept (no metadata but that of arrays copied verbatim), so what is
 * retained is part of the output's size, not extra per input.
 */
record InputShape(
    int index,
    String name,
    Map<String, ArrayRole> roles,
    Map<String, ZarrArrayMetadata> arrays,
    Map<String, List<String>> dims,
    List<Entry> retained)
    implements java.io.Serializable {

  /** Inputs with at most this many keys are retained after the first pass. */
  static final int RETAIN_MAX_KEYS = 64;

  /** A {@code retainMaxKeys} that retains no input. */
  static final long RETAIN_NONE = -1;

  /** A {@code retainMaxKeys} that retains every input (a first pass on another machine). */
  static final long RETAIN_ALL = Long.MAX_VALUE;

  /** The shape of {@code in}, with its references if it has at most {@code retainMaxKeys} keys. */
  static InputShape of(InputContext in, CombineSpec spec, long retainMaxKeys) throws IOException {
    Map<String, ArrayRole> roles = new HashMap<>();
    Map<String, List<String>> dims = new HashMap<>();
    for (String path : in.arrays().keySet()) {
      roles.put(path, Roles.of(path, in, spec));
      dims.put(path, in.dims(path));
    }
    List<Entry> kept = in.references().size() <= retainMaxKeys ? new ArrayList<>() : null;
    if (kept != null) {
      for (Iterator<Entry> it = entries(in); it.hasNext(); ) {
        Entry e = it.next();
        if (mayReachOutput(e.key(), roles)) {
          kept.add(e);
        }
      }
    }
    return new InputShape(in.index(), in.name(), roles, in.arrays(), dims, kept);
  }

  /** Every key of an open input with its reference, lazily. */
  static Iterator<Entry> entries(InputContext in) throws IOException {
    Stream<String> keys = in.references().keys();
    return keys.map(
            k -> {
              try {
                return new Entry(k, in.references().get(k).orElseThrow());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .iterator();
  }

  private static boolean mayReachOutput(String key, Map<String, ArrayRole> roles) {
    ArrayRole role = roles.get(ZarrKeys.parent(key));
    if (!ZarrKeys.isMetadataName(ZarrKeys.name(key))) {
      return role != ArrayRole.DROPPED && role != ArrayRole.CONCAT_COORDINATE;
    }
    return role == ArrayRole.IDENTICAL || role == ArrayRole.COORDINATE;
  }
}
