package io.refzarr.combine;

import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.Reference;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Second pass for one input: its chunk references under their output keys. Data arrays are shifted
 * by the input's place in the output; identical arrays, other coordinates and stray keys come from
 * the first input only; metadata is written from the {@link Plan}. Small references are inlined.
 */
final class KeyRewriter {
  private final Plan plan;
  private final CombineSpec spec;

  KeyRewriter(Plan plan, CombineSpec spec) {
    this.plan = plan;
    this.spec = spec;
  }

  /** The output entries of one input, from its shape and its (retained or freshly read) entries. */
  List<Entry> rewrite(InputShape in, Placement p, Iterator<Entry> entries, ReferenceReader bytes)
      throws IOException {
    boolean first = in.index() == plan.firstInput();
    Map<String, ChunkRoute> routes = new HashMap<>();
    for (Map.Entry<String, ZarrArrayMetadata> e : in.arrays().entrySet()) {
      if (in.roles().get(e.getKey()) == ArrayRole.DATA) {
        routes.put(e.getKey(), route(in, p, e.getKey(), e.getValue()));
      }
    }
    List<Entry> out = new ArrayList<>();
    try {
      while (entries.hasNext()) {
        Entry e = entries.next();
        String outKey = outKey(e.key(), first, in.roles(), routes);
        if (outKey != null) {
          out.add(new Entry(outKey, maybeInline(bytes, e.key(), e.ref())));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  private static String outKey(
      String key, boolean first, Map<String, ArrayRole> roles, Map<String, ChunkRoute> routes) {
    String parent = ZarrKeys.parent(key);
    String name = ZarrKeys.name(key);
    ArrayRole role = roles.get(parent);
    if (role == null) {
      return first && !ZarrKeys.isMetadataName(name) && !underArray(parent, roles) ? key : null;
    }
    if (role == ArrayRole.IDENTICAL || role == ArrayRole.COORDINATE) {
      return first ? key : null;
    }
    if (role == ArrayRole.DATA && !ZarrKeys.isMetadataName(name)) {
      return routes.get(parent).map(name);
    }
    return null;
  }

  /** Whether a key below {@code dir} lies inside an array (a dropped one's nested keys, say). */
  private static boolean underArray(String dir, Map<String, ArrayRole> roles) {
    for (String d = dir; !d.isEmpty(); d = ZarrKeys.parent(d)) {
      if (roles.containsKey(d)) {
        return true;
      }
    }
    return false;
  }

  private ChunkRoute route(InputShape in, Placement p, String path, ZarrArrayMetadata md)
      throws IOException {
    if (md.dimensionSeparator() != '.') {
      throw new CombineException(
          CombineException.Reason.SHAPE_MISMATCH,
          List.of(in.name()),
          path + " uses dimension_separator \"/\"; only \".\" is supported by the combine");
    }
    List<String> concat = spec.realConcatDims();
    List<String> dims = in.dims().get(path);
    List<String> outDims = DataArrays.outputDims(concat, dims);
    int[] start = plan.start(p.index());
    int[] axis = new int[outDims.size()];
    long[] add = new long[outDims.size()];
    for (int i = 0; i < outDims.size(); i++) {
      axis[i] = dims.indexOf(outDims.get(i));
      int c = concat.indexOf(outDims.get(i));
      add[i] = c < 0 ? 0 : axis[i] < 0 ? start[c] : start[c] / md.chunks()[axis[i]];
    }
    String outPath = p.varName() != null ? p.varName() : path;
    return new ChunkRoute(outPath, Math.max(1, dims.size()), axis, add);
  }

  private Reference maybeInline(ReferenceReader bytes, String key, Reference ref)
      throws IOException {
    return inlined(bytes, key, ref, spec.inlineThreshold());
  }

  /**
   * {@code ref}, or its bytes inline when it is a range shorter than {@code threshold}: the
   * combine's rule.
   */
  static Reference inlined(ReferenceReader bytes, String key, Reference ref, int threshold)
      throws IOException {
    if (ref instanceof Reference.Range && ref.length() < threshold) {
      return new Reference.Inline(bytes.read(key, ref));
    }
    return ref;
  }
}
