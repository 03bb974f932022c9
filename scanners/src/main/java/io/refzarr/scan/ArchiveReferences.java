package io.refzarr.scan;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.source.ArchiveMembers;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.zarr.ChunkGrid;
import java.io.IOException;
import java.util.Optional;

/**
 * Scans of archive members ({@code tar://m.nc::archives/a.tar}) name their targets by chained URLs,
 * which fsspec and most readers cannot read. This rewrites them, as the references stream by, into
 * byte ranges of the archive itself (kerchunk's {@code dereference_archives}), using the member's
 * real data offset from the archive's own headers.
 */
public final class ArchiveReferences {
  private ArchiveReferences() {}

  /**
   * A sink that puts into {@code out} the references of a scan of {@code input}, rewritten to point
   * into the archive when {@code input} is an archive member; {@code out} itself when it is not.
   */
  public static ReferenceSink dereferencing(
      ReferenceSink out, ScanInput input, ByteRangeReaders sources) throws IOException {
    Optional<ArchiveMembers.Location> member =
        ArchiveMembers.locate(input.url(), input.location(), sources);
    if (member.isEmpty()) {
      return out;
    }
    ArchiveMembers.Location m = member.get();
    return new ReferenceSink() {
      @Override
      public void put(String key, Reference ref) throws IOException {
        out.put(key, rewrite(ref, input.url(), m));
      }

      @Override
      public void putChunk(String array, long[] index, Reference ref) throws IOException {
        out.putChunk(array, index, rewrite(ref, input.url(), m));
      }

      @Override
      public void expectChunks(String array, ChunkGrid grid) throws IOException {
        out.expectChunks(array, grid);
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  static Reference rewrite(Reference ref, String memberUrl, ArchiveMembers.Location m)
      throws IOException {
    if (!(ref instanceof Reference.Targeted t) || !t.target().equals(memberUrl)) {
      return ref;
    }
    try {
      return m.rebase(t);
    } catch (IllegalArgumentException e) {
      throw new MalformedFileException(memberUrl, t.offset(), e.getMessage());
    }
  }
}
