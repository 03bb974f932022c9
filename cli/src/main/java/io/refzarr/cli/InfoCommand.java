package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** {@code refzarr info}: arrays, shapes, chunks, dtypes and reference statistics of a set. */
@Command(
    name = "info",
    description =
        "Summarise a reference set: arrays, shapes, chunks, dtypes, references,"
            + " distinct targets and referenced bytes.")
final class InfoCommand extends SetCommand {

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (ReferenceSet set = openInput()) {
      Summary s = Summary.of(set);
      out.printf(
          "%s: %d keys, %d references to targets (%d inline), %d distinct targets, %d referenced bytes%n",
          input, s.keys, s.targetRefs, s.inline, s.targets.size(), s.referencedBytes);
      for (Map.Entry<String, ZarrArrayMetadata> e : s.arrays.entrySet()) {
        ZarrArrayMetadata md = e.getValue();
        out.printf(
            "  %-24s %-10s shape %-18s chunks %-18s %s%n",
            e.getKey().isEmpty() ? "/" : e.getKey(),
            md.dtype(),
            Arrays.toString(md.shape()),
            Arrays.toString(md.chunks()),
            codecs(md));
      }
    }
    return 0;
  }

  private static String codecs(ZarrArrayMetadata md) {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> f : md.filters()) {
      sb.append(sb.length() == 0 ? "" : ",").append(f.get("id"));
    }
    if (md.compressor() != null) {
      sb.append(sb.length() == 0 ? "" : ",").append(md.compressor().get("id"));
    }
    return sb.length() == 0 ? "raw" : sb.toString();
  }

  /** Counts over every key of a set. */
  static final class Summary {
    long keys;
    long targetRefs;
    long inline;
    long referencedBytes;
    final Set<String> targets = new HashSet<>();
    final Map<String, ZarrArrayMetadata> arrays = new TreeMap<>();

    static Summary of(ReferenceSet set) throws java.io.IOException {
      Summary s = new Summary();
      try (Stream<String> keys = set.keys()) {
        Iterator<String> it = keys.iterator();
        while (it.hasNext()) {
          String key = it.next();
          Reference ref = set.get(key).orElseThrow();
          s.add(key, ref);
        }
      }
      return s;
    }

    private void add(String key, Reference ref) throws java.io.IOException {
      keys++;
      if (ref instanceof Reference.Inline) {
        inline++;
        if (ZarrKeys.name(key).equals(ZarrKeys.ZARRAY)) {
          arrays.put(
              ZarrKeys.parent(key), ZarrArrayMetadata.parse(((Reference.Inline) ref).data()));
        }
        return;
      }
      targetRefs++;
      targets.add(((Reference.Targeted) ref).target());
      if (ref instanceof Reference.Range r) {
        referencedBytes += r.length();
      }
    }
  }
}
