package io.refzarr.source;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads members of uncompressed tar archives and stored zip members, named by chained URLs ({@code
 * tar://member::<archive url>}, {@code zip://member::<archive url>}), as byte ranges of the archive
 * read through the archive's own source. Each archive's index is built once, from its headers.
 */
final class ArchiveMemberReader implements ByteRangeReader {
  private final ByteRangeReaders registry;
  private final Map<URI, Object> tars = new ConcurrentHashMap<>();
  private final Map<URI, Object> zips = new ConcurrentHashMap<>();
  private final Map<URI, ArchiveMember> members = new ConcurrentHashMap<>();

  ArchiveMemberReader(ByteRangeReaders registry) {
    this.registry = registry;
  }

  @Override
  public void read(URI target, long offset, ByteBuffer dst) throws IOException {
    ArchiveMember m = member(target);
    long end = offset + dst.remaining();
    if (end > m.size()) {
      throw new EOFException(
          "archive member "
              + m.name()
              + " is "
              + m.size()
              + " bytes long; cannot read ["
              + offset
              + ", "
              + end
              + ")");
    }
    URI container = ChainedUrl.parse(target).container();
    registry.forTarget(container).read(container, m.dataOffset() + offset, dst);
  }

  @Override
  public long size(URI target) throws IOException {
    return member(target).size();
  }

  /** The member a chained URL names (resolved once per URL). */
  ArchiveMember member(URI target) throws IOException {
    ArchiveMember m = members.get(target);
    if (m == null) {
      m = find(ChainedUrl.parse(target));
      members.put(target, m);
    }
    return m;
  }

  /**
   * The deflated zip member a chained URL names, or null if the URL names a tar member or a zip
   * member that is not deflated (then {@link #member} reads it or says why it cannot).
   */
  ZipIndex.Deflated deflated(URI target) throws IOException {
    ChainedUrl url = ChainedUrl.parse(target);
    return url.scheme().equals("zip") ? zipIndex(url.container()).deflated(url.member()) : null;
  }

  private ArchiveMember find(ChainedUrl url) throws IOException {
    ArchiveMember m;
    if (url.scheme().equals("tar")) {
      m = tarIndex(url.container()).get(TarIndex.normalize(url.member()));
    } else if (url.scheme().equals("zip")) {
      m = zipIndex(url.container()).member(url.member());
    } else {
      throw new IOException("not an archive scheme: " + url.scheme());
    }
    if (m == null) {
      throw new NoSuchFileException(
          url.toUri().toString(),
          null,
          "no member " + url.member() + " in archive " + url.container());
    }
    if (!m.contiguous()) {
      throw new IOException(
          "tar member "
              + url.member()
              + " of "
              + url.container()
              + " is sparse; only contiguous members can be read as byte ranges");
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private Map<String, ArchiveMember> tarIndex(URI container) throws IOException {
    return (Map<String, ArchiveMember>) index(tars, container, true);
  }

  private ZipIndex zipIndex(URI container) throws IOException {
    return (ZipIndex) index(zips, container, false);
  }

  /** Builds an archive's index once; concurrent first readers wait for the one build. */
  private Object index(Map<URI, Object> indexes, URI container, boolean tar) throws IOException {
    Object idx = indexes.get(container);
    if (idx != null) {
      return idx;
    }
    synchronized (indexes) {
      idx = indexes.get(container);
      if (idx == null) {
        ContainerBytes bytes = new ContainerBytes(registry.forTarget(container), container);
        idx = tar ? TarIndex.read(bytes) : new ZipIndex(bytes);
        indexes.put(container, idx);
      }
      return idx;
    }
  }
}
