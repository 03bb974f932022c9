package io.refzarr.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipException;

/**
 * The members of a zip archive: names, methods, sizes and local-header offsets from the central
 * directory (zip64 included); a member's data offset from its own local file header, since the
 * local extra field may differ from the central one. Only stored (uncompressed, unencrypted)
 * members are readable as ranges; a deflated member can be located as the range of its local header
 * and compressed data ({@link #deflated}), which a reader must inflate itself.
 */
final class ZipIndex {
  private static final int EOCD = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int CENTRAL = 0x02014b50;
  private static final int LOCAL = 0x04034b50;
  private static final long MAX32 = 0xffffffffL;

  private final ContainerBytes in;
  private final Map<String, Entry> entries = new HashMap<>();

  /** A central-directory entry; {@code size} is the compressed size. */
  private record Entry(
      String name, int method, int flags, long size, long uncompressed, long localOffset) {}

  /**
   * A deflated member as one range of the archive: {@code length} bytes from its local header to
   * the end of its compressed data, inflating to {@code size} bytes.
   */
  record Deflated(long headerOffset, long length, long size) {}

  ZipIndex(ContainerBytes in) throws IOException {
    this.in = in;
    try {
      readCentralDirectory();
    } catch (RuntimeException e) { // offsets and lengths out of range in a damaged directory
      throw new ZipException("corrupt zip archive " + in.uri() + ": " + e);
    }
  }

  /** The normalized names of the entries (for tests). */
  java.util.Set<String> names() {
    return java.util.Set.copyOf(entries.keySet());
  }

  /**
   * The member named {@code name}, its data offset taken from its local header, or null if absent.
   */
  ArchiveMember member(String name) throws IOException {
    Entry e = entries.get(TarIndex.normalize(name));
    if (e == null) {
      return null;
    }
    if ((e.flags & 1) != 0) {
      throw new ZipException("zip member " + name + " of " + in.uri() + " is encrypted");
    }
    if (e.method != 0) {
      throw new ZipException(
          "zip member "
              + name
              + " of "
              + in.uri()
              + " is compressed (method "
              + e.method
              + (e.method == 8 ? ", deflate" : "")
              + "); only stored members can be read as byte ranges");
    }
    return new ArchiveMember(e.name, dataOffset(e, name), e.size);
  }

  /**
   * The member named {@code name} as the range of its local header and compressed data, or null if
   * it is absent or not a deflated, unencrypted member ({@link #member} says why).
   */
  Deflated deflated(String name) throws IOException {
    Entry e = entries.get(TarIndex.normalize(name));
    if (e == null || (e.flags & 1) != 0 || e.method != 8) {
      return null;
    }
    if (e.uncompressed < 0) {
      throw new ZipException(
          "zip member " + name + " of " + in.uri() + " claims a negative uncompressed size");
    }
    long data = dataOffset(e, name);
    return new Deflated(e.localOffset, data - e.localOffset + e.size, e.uncompressed);
  }

  /**
   * Where the member's (stored or compressed) data starts, from its own local header; its {@code
   * e.size} bytes must lie in the archive.
   */
  private long dataOffset(Entry e, String name) throws IOException {
    ByteBuffer local = in.bytes(e.localOffset, 30);
    if (local.getInt(0) != LOCAL) {
      throw new ZipException(
          "no local file header at byte "
              + e.localOffset
              + " of "
              + in.uri()
              + " for member "
              + name);
    }
    long data = e.localOffset + 30 + (local.getShort(26) & 0xffff) + (local.getShort(28) & 0xffff);
    if (e.size < 0 || e.size > in.size() - data) {
      throw new ZipException(
          "zip member "
              + name
              + " of "
              + in.uri()
              + " claims "
              + e.size
              + " bytes at byte "
              + data
              + ", past the end of the "
              + in.size()
              + "-byte archive");
    }
    return data;
  }

  private void readCentralDirectory() throws IOException {
    int tail = (int) Math.min(in.size(), 22 + 65535);
    ByteBuffer t = in.bytes(in.size() - tail, tail);
    int eocd = -1;
    for (int i = tail - 22; i >= 0; i--) {
      if (t.getInt(i) == EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw new ZipException("not a zip archive (no end of central directory record): " + in.uri());
    }
    long cdSize = t.getInt(eocd + 12) & MAX32;
    long cdOffset = t.getInt(eocd + 16) & MAX32;
    if ((cdOffset == MAX32 || cdSize == MAX32)
        && eocd >= 20
        && t.getInt(eocd - 20) == ZIP64_LOCATOR) {
      ByteBuffer z = in.bytes(t.getLong(eocd - 20 + 8), 56);
      cdSize = z.getLong(40);
      cdOffset = z.getLong(48);
    }
    readEntries(in.bytes(cdOffset, Math.toIntExact(cdSize)));
  }

  private void readEntries(ByteBuffer cd) throws IOException {
    int p = 0;
    while (p + 46 <= cd.limit() && cd.getInt(p) == CENTRAL) {
      int nameLen = cd.getShort(p + 28) & 0xffff;
      int extraLen = cd.getShort(p + 30) & 0xffff;
      int commentLen = cd.getShort(p + 32) & 0xffff;
      byte[] nameBytes = new byte[nameLen];
      cd.get(p + 46, nameBytes);
      String name = new String(nameBytes, StandardCharsets.UTF_8);
      long[] sizes = {
        cd.getInt(p + 24) & MAX32, cd.getInt(p + 20) & MAX32, cd.getInt(p + 42) & MAX32
      };
      zip64(cd.slice(p + 46 + nameLen, extraLen).order(cd.order()), sizes);
      entries.put(
          TarIndex.normalize(name),
          new Entry(
              name,
              cd.getShort(p + 10) & 0xffff,
              cd.getShort(p + 8) & 0xffff,
              sizes[1],
              sizes[0],
              sizes[2]));
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  /**
   * Replaces the 0xffffffff fields (uncompressed, compressed, local offset) with their zip64
   * values.
   */
  private static void zip64(ByteBuffer extra, long[] sizes) {
    int p = 0;
    while (p + 4 <= extra.limit()) {
      int id = extra.getShort(p) & 0xffff;
      int len = extra.getShort(p + 2) & 0xffff;
      if (id == 1) {
        int q = p + 4;
        for (int i = 0; i < 3 && q + 8 <= p + 4 + len; i++) {
          if (sizes[i] == MAX32) {
            sizes[i] = extra.getLong(q);
            q += 8;
          }
        }
        return;
      }
      p += 4 + len;
    }
  }
}
