package io.refzarr.ops;

import io.refzarr.bridge.codec.CodecPipeline;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.source.ArchiveMembers;
import io.refzarr.source.ReferenceNotReachableException;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kerchunk's {@code dereference_archives}: references into archive members ({@code
 * tar://m.nc::a.tar}, {@code zip://m.nc::a.zip}) become ranges of the archive itself, at the
 * member's real data offset read from the archive's own headers (a zip member's local header, not a
 * length recomputed from the central directory as kerchunk does). A member of a member is followed
 * out to the outermost archive.
 *
 * <p>With {@code allowDeflate}, a deflated zip member becomes the range from its local header to
 * the end of its compressed data, decoded by kerchunk's {@code deflate} codec: every chunk of such
 * an array must be a whole deflated member, and its {@code .zarray} gets {@code deflate} as
 * compressor, its old compressor moving to the end of the filters (Zarr v2 decodes the compressor,
 * then the filters in reverse). Deflated metadata keys are embedded inflated.
 */
final class Dereferencer {
  private static final int MEMO = 1 << 16;
  private static final Map<String, Object> DEFLATE = Map.of("id", "deflate");

  /** A chunk array's state: whether deflated and other chunks were seen, and its .zarray. */
  private static final class ArrayState {
    boolean deflated;
    boolean other;
    Reference zarray; // as written
    boolean zarrayRewritten;
  }

  private final ReferenceReader reader;
  private final boolean allowDeflate;
  private final ReferenceSink sink;
  private final Map<String, Object> members = new HashMap<>(); // target -> Location or Deflated
  private final Map<String, ArrayState> arrays = new LinkedHashMap<>();
  private ArrayPaths paths;

  Dereferencer(ReferenceReader reader, boolean allowDeflate, ReferenceSink sink) {
    this.reader = reader;
    this.allowDeflate = allowDeflate;
    this.sink = sink;
  }

  Summary run(ReferenceSet set) throws IOException {
    paths = new ArrayPaths(set);
    Summary s = KeyWalk.rewrite(set, sink, this::rewrite);
    long codecs = allowDeflate ? rewriteDeflatedArrays(set) : 0;
    return new Summary(s.keys(), s.rewritten() + codecs, 0);
  }

  private Reference rewrite(String key, Reference ref) throws IOException {
    Reference out = ref;
    ArchiveMembers.Deflated deflated = null;
    while (out instanceof Reference.Targeted t && ArchiveMembers.isMember(t.target())) {
      Object m = locate(key, t.target());
      if (m instanceof ArchiveMembers.Deflated d) {
        requireWhole(key, t, d, deflated != null);
        deflated = d;
        out = d.range();
      } else {
        out = rebase(key, t, (ArchiveMembers.Location) m);
      }
    }
    boolean metadata = ZarrKeys.isMetadataName(ZarrKeys.name(key));
    if (deflated != null && metadata) {
      out = Reference.inline(inflate(key, (Reference.Range) out, deflated));
    }
    if (allowDeflate) {
      note(key, ref, out, metadata, deflated != null);
    }
    return out;
  }

  /** The member {@code target} names: its Location, or with allowDeflate its Deflated range. */
  private Object locate(String key, String target) throws IOException {
    Object m = members.get(target);
    if (m == null) {
      if (members.size() >= MEMO) {
        members.clear(); // a set of whole-member chunks has a member per key: keep memory bounded
      }
      m = allowDeflate ? reader.deflatedZipMember(key, target).orElse(null) : null;
      if (m == null) {
        m = reader.archiveMember(key, target).orElseThrow();
      }
      members.put(target, m);
    }
    return m;
  }

  private static Reference.Range rebase(
      String key, Reference.Targeted ref, ArchiveMembers.Location m) throws IOException {
    try {
      return m.rebase(ref);
    } catch (IllegalArgumentException e) {
      throw new ReferenceNotReachableException(key, ref.target(), e.getMessage(), e);
    }
  }

  /**
   * Only a whole deflated member is one stream the codec decodes: a range inside it (or a deflated
   * member inside another) has no range of the archive.
   */
  private static void requireWhole(
      String key, Reference.Targeted ref, ArchiveMembers.Deflated d, boolean nested)
      throws IOException {
    boolean whole =
        ref instanceof Reference.Whole
            || (ref instanceof Reference.Range r && r.offset() == 0 && r.length() == d.size());
    if (nested || !whole) {
      throw new ReferenceNotReachableException(
          key,
          ref.target(),
          (nested ? "a deflated zip member lies inside another deflated member" : describe(ref))
              + " of the deflated zip member "
              + ref.target()
              + " ("
              + d.size()
              + " bytes inflated): only whole deflated members can be written as a range of the"
              + " archive (with the deflate codec)",
          null);
    }
  }

  private static String describe(Reference.Targeted ref) {
    return ref instanceof Reference.Range r
        ? "a reference of " + r.length() + " bytes at offset " + r.offset()
        : "the member";
  }

  /** A deflated metadata member's inflated bytes, through the codec its chunks get. */
  private byte[] inflate(String key, Reference.Range range, ArchiveMembers.Deflated d)
      throws IOException {
    if (d.size() > Integer.MAX_VALUE - 16) {
      throw new InvalidReferenceSetException(
          d.container(), key, "a metadata member of " + d.size() + " bytes is too large");
    }
    byte[] stored = reader.read(key, range);
    try {
      return CodecPipeline.zarrV2(DEFLATE, List.of()).decode(stored, (int) d.size());
    } catch (IOException e) {
      throw new InvalidReferenceSetException(
          d.container(),
          key,
          "the deflated metadata member does not inflate: " + e.getMessage(),
          e);
    }
  }

  /**
   * Records which arrays have deflated chunks and which have others (an array of both cannot have
   * one codec chain), and each array's .zarray as written.
   */
  private void note(String key, Reference in, Reference out, boolean metadata, boolean deflated)
      throws IOException {
    if (ZarrKeys.name(key).equals(ZarrKeys.ZARRAY)) {
      ArrayState a = arrays.computeIfAbsent(ZarrKeys.parent(key), k -> new ArrayState());
      a.zarray = out;
      a.zarrayRewritten = out != in;
    }
    if (metadata) {
      return;
    }
    String array = paths.arrayOf(key).orElse(null);
    if (array == null) {
      if (deflated) {
        throw new ReferenceNotReachableException(
            key,
            ((Reference.Targeted) in).target(),
            "a deflated zip member outside any array (no .zarray above the key) has no codec"
                + " chain to carry the deflate codec",
            null);
      }
      return;
    }
    ArrayState a = arrays.computeIfAbsent(array, k -> new ArrayState());
    a.deflated |= deflated;
    a.other |= !deflated;
    if (a.deflated && a.other) {
      throw new InvalidReferenceSetException(
          array.isEmpty() ? "the root array" : "array " + array,
          key,
          "some chunks of the array are deflated zip members and others are not: one codec chain"
              + " cannot decode both (dereference it without --allow-deflate, or store the"
              + " members)");
    }
  }

  /** Puts the .zarray of every array of deflated chunks with the deflate codec; their count. */
  private long rewriteDeflatedArrays(ReferenceSet set) throws IOException {
    long n = 0;
    for (Map.Entry<String, ArrayState> e : arrays.entrySet()) {
      ArrayState a = e.getValue();
      if (!a.deflated) {
        continue;
      }
      if (set.get(ZarrKeys.ZMETADATA).isPresent()) {
        throw new InvalidReferenceSetException(
            ZarrKeys.ZMETADATA,
            "",
            "the set holds consolidated metadata, which would keep the old codecs of the arrays"
                + " whose chunks are deflated members; remove .zmetadata first");
      }
      String key = ZarrKeys.join(e.getKey(), ZarrKeys.ZARRAY);
      ZarrArrayMetadata meta = ZarrArrayMetadata.parse(reader.read(key, a.zarray));
      sink.put(key, Reference.inline(ZarrayEdits.withCompressorFirst(meta, DEFLATE)));
      n += a.zarrayRewritten ? 0 : 1;
    }
    return n;
  }
}
