package io.refzarr.combine;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.zarr.ChunkGrid;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * concatenate_arrays: one array appended along an axis, inputs in the given order, with kerchunk's
 * {@code check_arrays} always on (equal chunks and other extents; whole chunks in all but the last
 * input).
 */
final class ArrayConcatenation {
  private final String path;
  private final int axis;

  ArrayConcatenation(String path, int axis) {
    this.path = path;
    this.axis = axis;
  }

  void run(List<CombineInput> inputs, ReferenceSink sink) throws IOException {
    List<ZarrArrayMetadata> mds = new ArrayList<>();
    for (CombineInput in : inputs) {
      try (ReferenceSet set = in.opener().open()) {
        mds.add(metadata(in, set));
      }
    }
    check(inputs, mds);
    long offset = 0;
    long total = 0;
    for (int i = 0; i < inputs.size(); i++) {
      copy(inputs.get(i), i == 0, offset, sink);
      offset += mds.get(i).grid().gridShape()[axis];
      total += mds.get(i).shape()[axis];
    }
    long[] shape = mds.get(0).shape();
    shape[axis] = total;
    sink.put(
        ZarrKeys.join(path, ZarrKeys.ZARRAY),
        new Reference.Inline(mds.get(0).toBuilder().shape(shape).build().toJson()));
  }

  private ZarrArrayMetadata metadata(CombineInput in, ReferenceSet set) throws IOException {
    Reference ref =
        set.get(ZarrKeys.join(path, ZarrKeys.ZARRAY))
            .orElseThrow(
                () ->
                    new CombineException(
                        CombineException.Reason.SHAPE_MISMATCH,
                        List.of(in.name()),
                        "no array at \"" + path + "\""));
    if (!(ref instanceof Reference.Inline)) {
      throw new CombineException(
          CombineException.Reason.SHAPE_MISMATCH,
          List.of(in.name()),
          path + "/.zarray is not inline");
    }
    ZarrArrayMetadata md = ZarrArrayMetadata.parse(((Reference.Inline) ref).data());
    if (axis < 0 || axis >= md.shape().length) {
      throw new IllegalArgumentException(
          "axis " + axis + " outside array " + path + " of rank " + md.shape().length);
    }
    return md;
  }

  private void check(List<CombineInput> inputs, List<ZarrArrayMetadata> mds)
      throws CombineException {
    ZarrArrayMetadata first = mds.get(0);
    for (int i = 0; i < mds.size(); i++) {
      ZarrArrayMetadata md = mds.get(i);
      List<String> names = List.of(inputs.get(0).name(), inputs.get(i).name());
      if (!Arrays.equals(md.chunks(), first.chunks())) {
        throw new CombineException(
            CombineException.Reason.CHUNK_MISMATCH, names, path + " chunks differ");
      }
      for (int d = 0; d < md.shape().length; d++) {
        if (d != axis && md.shape()[d] != first.shape()[d]) {
          throw new CombineException(
              CombineException.Reason.SHAPE_MISMATCH,
              names,
              path + " extent along axis " + d + " differs");
        }
      }
      if (i < mds.size() - 1 && md.shape()[axis] % md.chunks()[axis] != 0) {
        throw new CombineException(
            CombineException.Reason.MISALIGNED,
            List.of(inputs.get(i).name()),
            path
                + " has extent "
                + md.shape()[axis]
                + " along axis "
                + axis
                + ", not a multiple of its chunk "
                + md.chunks()[axis]
                + ", and is not the last input");
      }
    }
  }

  private void copy(CombineInput in, boolean first, long offset, ReferenceSink sink)
      throws IOException {
    String prefix = path.isEmpty() ? "" : path + "/";
    try (ReferenceSet set = in.opener().open();
        Stream<String> keys = set.keys()) {
      Iterator<String> it = keys.iterator();
      while (it.hasNext()) {
        String key = it.next();
        String out = outKey(key, prefix, offset, first);
        if (out != null) {
          sink.put(out, set.get(key).orElseThrow());
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private String outKey(String key, String prefix, long offset, boolean first) {
    if (key.startsWith(prefix) && key.indexOf('/', prefix.length()) < 0) {
      String name = key.substring(prefix.length());
      if (name.equals(ZarrKeys.ZARRAY)) {
        return null;
      }
      long[] idx = ChunkGrid.parseIndex(name, '.', rankOf(name));
      if (idx != null && idx.length > axis) {
        idx[axis] += offset;
        StringBuilder sb = new StringBuilder(prefix);
        for (int d = 0; d < idx.length; d++) {
          sb.append(d == 0 ? "" : ".").append(idx[d]);
        }
        return sb.toString();
      }
    }
    boolean groupMeta =
        key.equals(ZarrKeys.ZGROUP)
            || key.equals(ZarrKeys.ZATTRS)
            || key.equals(ZarrKeys.join(path, ZarrKeys.ZATTRS));
    return first && groupMeta ? key : null;
  }

  private static int rankOf(String name) {
    int rank = 1;
    for (int i = 0; i < name.length(); i++) {
      rank += name.charAt(i) == '.' ? 1 : 0;
    }
    return rank;
  }
}
