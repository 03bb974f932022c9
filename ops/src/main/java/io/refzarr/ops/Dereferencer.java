package io.refzarr.ops;

import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.source.ArchiveMembers;
import io.refzarr.source.ReferenceNotReachableException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * kerchunk's {@code dereference_archives}: references into archive members ({@code
 * tar://m.nc::a.tar}, {@code zip://m.nc::a.zip}) become ranges of the archive itself, at the
 * member's real data offset read from the archive's own headers (a zip member's local header, not a
 * length recomputed from the central directory as kerchunk does). A member of a member is followed
 * out to the outermost archive.
 */
final class Dereferencer {
  private final ReferenceReader reader;
  private final ReferenceSink sink;
  private final Map<String, ArchiveMembers.Location> members =
      new HashMap<>(); // one lookup per member
  private long keys;
  private long rewritten;

  Dereferencer(ReferenceReader reader, ReferenceSink sink) {
    this.reader = reader;
    this.sink = sink;
  }

  Summary run(ReferenceSet set) throws IOException {
    KeyWalk.forEach(set, this::accept);
    return new Summary(keys, rewritten, 0);
  }

  private void accept(String key, Reference ref) throws IOException {
    keys++;
    Reference out = ref;
    while (out instanceof Reference.Targeted t && ArchiveMembers.isMember(t.target())) {
      out = rebase(key, t);
    }
    if (out != ref) {
      rewritten++;
    }
    sink.put(key, out);
  }

  private Reference.Range rebase(String key, Reference.Targeted ref) throws IOException {
    ArchiveMembers.Location m = members.get(ref.target());
    if (m == null) {
      m = reader.archiveMember(key, ref.target()).orElseThrow();
      members.put(ref.target(), m);
    }
    try {
      return m.rebase(ref);
    } catch (IllegalArgumentException e) {
      throw new ReferenceNotReachableException(key, ref.target(), e.getMessage(), e);
    }
  }
}
