package io.refzarr.source;

import io.refzarr.refs.Reference;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Locates archive members named by chained URLs ({@code tar://m.nc::archives/a.tar}) inside their
 * containers, from the archives' own headers, so references into a member can be rewritten as
 * references into the archive itself (kerchunk's {@code dereference_archives}), which every reader
 * can read.
 */
public final class ArchiveMembers {
  private ArchiveMembers() {}

  /**
   * Where a member lies in its container.
   *
   * @param container the container's URL exactly as written in the chained URL ({@code
   *     archives/a.tar})
   * @param offset the position of the member's first byte in the container
   * @param size the member's size
   */
  public record Location(String container, long offset, long size) {

    /**
     * The same bytes as {@code ref} (a reference into the member) as a range of the container: a
     * range's offset moves by the member's offset, a whole member becomes the member's range.
     *
     * @throws IllegalArgumentException if a range runs past the member's end
     */
    public Reference.Range rebase(Reference.Targeted ref) {
      if (ref instanceof Reference.Range r) {
        if (r.end() > size) {
          throw new IllegalArgumentException(
              "a reference of "
                  + r.length()
                  + " bytes at offset "
                  + r.offset()
                  + " runs past the member's end ("
                  + size
                  + " bytes)");
        }
        return new Reference.Range(container, offset + r.offset(), r.length());
      }
      return new Reference.Range(container, offset, size);
    }
  }

  /**
   * A deflated zip member as one range of its archive: from the member's local file header to the
   * end of its compressed data, the bytes kerchunk's {@code deflate} codec decodes (the header says
   * where the data starts and, unless the sizes follow the data, its CRC-32 and sizes).
   *
   * @param container the archive's URL exactly as written in the chained URL
   * @param offset the position of the member's local file header in the archive
   * @param length the header's and the compressed data's length
   * @param size the member's uncompressed size (from the central directory)
   */
  public record Deflated(String container, long offset, long length, long size) {

    /** The range of the archive holding the header and the compressed data. */
    public Reference.Range range() {
      return new Reference.Range(container, offset, length);
    }
  }

  /**
   * Whether {@code url} is a chained archive-member URL ({@code tar://…::…} or {@code zip://…::…}).
   */
  public static boolean isMember(String url) {
    if (!ChainedUrl.isChained(url)) {
      return false;
    }
    String scheme = ChainedUrl.split(url)[0];
    return scheme.equals("tar") || scheme.equals("zip");
  }

  /**
   * The location of the member {@code url} names, or empty if {@code url} is not a member URL.
   *
   * @param url the chained URL as written
   * @param location the same URL resolved to a URI (its container made absolute), as it is read
   * @param sources the byte sources that read the container
   * @throws IOException if the archive cannot be read or has no such member, or the member is
   *     compressed
   */
  public static Optional<Location> locate(String url, URI location, ByteRangeReaders sources)
      throws IOException {
    if (!isMember(url)) {
      return Optional.empty();
    }
    ArchiveMember m = archiveReader(location, sources).member(location);
    return Optional.of(new Location(ChainedUrl.split(url)[2], m.dataOffset(), m.size()));
  }

  /**
   * The deflated zip member {@code url} names, or empty if {@code url} names no zip member or a
   * member that is not deflated ({@link #locate} then locates it, or says why it cannot).
   *
   * @param url the chained URL as written
   * @param location the same URL resolved to a URI, as it is read
   * @param sources the byte sources that read the container
   * @throws IOException if the archive cannot be read
   */
  public static Optional<Deflated> locateDeflated(
      String url, URI location, ByteRangeReaders sources) throws IOException {
    if (!isMember(url)) {
      return Optional.empty();
    }
    ZipIndex.Deflated d = archiveReader(location, sources).deflated(location);
    return d == null
        ? Optional.empty()
        : Optional.of(
            new Deflated(ChainedUrl.split(url)[2], d.headerOffset(), d.length(), d.size()));
  }

  private static ArchiveMemberReader archiveReader(URI location, ByteRangeReaders sources)
      throws IOException {
    ByteRangeReader reader = sources.forTarget(location);
    if (!(reader instanceof ArchiveMemberReader a)) {
      throw new IOException(
          "no archive reader for " + location + " (found " + reader.getClass().getName() + ")");
    }
    return a;
  }
}
