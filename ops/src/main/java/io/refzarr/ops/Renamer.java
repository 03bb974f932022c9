package io.refzarr.ops;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSink;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rewrites target URLs by {@link TargetRenames}, key by key (templates were rendered when the set
 * was read).
 */
final class Renamer {
  private static final int MEMO = 1 << 16;

  private final TargetRenames renames;
  private final ReferenceSink sink;
  private final Map<String, Optional<String>> applied =
      new HashMap<>(); // targets are few, keys many

  Renamer(TargetRenames renames, ReferenceSink sink) {
    this.renames = renames;
    this.sink = sink;
  }

  Summary run(ReferenceSet set) throws IOException {
    return KeyWalk.rewrite(set, sink, (key, ref) -> rename(ref));
  }

  private Reference rename(Reference ref) {
    if (!(ref instanceof Reference.Targeted t)) {
      return ref;
    }
    if (applied.size() >= MEMO) {
      applied.clear(); // a set whose every key has its own target: keep memory bounded
    }
    Optional<String> to = applied.computeIfAbsent(t.target(), renames::apply);
    return to.isPresent() && !to.get().equals(t.target()) ? t.withTarget(to.get()) : ref;
  }
}
