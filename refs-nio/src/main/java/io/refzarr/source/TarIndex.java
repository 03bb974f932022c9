package io.refzarr.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The members of an uncompressed tar archive, from its headers (ustar, GNU long names, PAX path and
 * size records), reading only the 512-byte headers and the long-name or PAX blocks, never member
 * data.
 */
final class TarIndex {
  private static final int BLOCK = 512;
  private static final long MAX_META = 1 << 20;

  private TarIndex() {}

  /** The regular-file members by normalized name. */
  static Map<String, ArchiveMember> read(ContainerBytes in) throws IOException {
    try {
      return scan(in);
    } catch (RuntimeException e) { // numbers and lengths out of range in a damaged header
      throw new IOException("corrupt tar archive " + in.uri() + ": " + e, e);
    }
  }

  private static Map<String, ArchiveMember> scan(ContainerBytes in) throws IOException {
    Map<String, ArchiveMember> members = new HashMap<>();
    String longName = null;
    Map<String, String> pax = Map.of();
    long pos = 0;
    while (pos + BLOCK <= in.size()) {
      ByteBuffer h = in.bytes(pos, BLOCK);
      if (isZero(h)) {
        break;
      }
      checkChecksum(in, h, pos);
      char type = (char) h.get(156);
      long size = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : number(h, 124, 12);
      long data = pos + BLOCK;
      checkSize(in, pos, data, size);
      if ((type == 'L' || type == 'x') && size > MAX_META) {
        throw new IOException(
            "corrupt tar archive "
                + in.uri()
                + ": a "
                + size
                + "-byte name or PAX header at byte "
                + pos);
      }
      if (type == 'L') {
        longName = cString(in.bytes(data, (int) size), 0, (int) size);
      } else if (type == 'x') {
        pax = paxRecords(in.bytes(data, (int) size));
      } else if (type != 'g' && type != 'K') {
        String name = pax.getOrDefault("path", longName != null ? longName : headerName(h));
        if (type == '0' || type == '\0' || type == '7') {
          boolean sparse = pax.keySet().stream().anyMatch(k -> k.startsWith("GNU.sparse."));
          members.put(normalize(name), new ArchiveMember(name, sparse ? -1 : data, size));
        } else if (type == 'S') {
          members.put(normalize(name), new ArchiveMember(name, -1, size));
        }
        longName = null;
        pax = Map.of();
      }
      pos = data + (size + BLOCK - 1) / BLOCK * BLOCK;
    }
    return members;
  }

  // Every header must move the scan forward and every member must lie inside the archive: a
  // negative or
  // oversized claim would otherwise loop on one header or reach an allocation of the claimed size.
  private static void checkSize(ContainerBytes in, long pos, long data, long size)
      throws IOException {
    if (size < 0 || size > in.size() - data) {
      throw new IOException(
          "corrupt tar archive "
              + in.uri()
              + ": the header at byte "
              + pos
              + " claims size "
              + size
              + ", but the archive has "
              + Math.max(0, in.size() - data)
              + " bytes after it");
    }
  }

  static String normalize(String name) {
    // idempotent (a stored name is looked up normalized again): ".///x" -> "x", not "/x"
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.substring(n.startsWith("/") ? 1 : 2);
    }
    return n;
  }

  private static String headerName(ByteBuffer h) {
    String name = cString(h, 0, 100);
    boolean ustar = cString(h, 257, 5).equals("ustar");
    String prefix = ustar ? cString(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static void checkChecksum(ContainerBytes in, ByteBuffer h, long pos) throws IOException {
    long stored = number(h, 148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h.get(i) & 0xff);
    }
    if (sum != stored) {
      throw new IOException(
          "not an uncompressed tar archive, or corrupt: the header at byte "
              + pos
              + " of "
              + in.uri()
              + " has a bad checksum");
    }
  }

  /**
   * An octal field, or a base-256 one (high bit set) as GNU tar writes for large sizes; may be
   * negative.
   */
  private static long number(ByteBuffer h, int off, int len) throws IOException {
    if ((h.get(off) & 0x80) != 0) {
      // two's complement, bit 6 of the first byte the sign; a value beyond 63 bits is reported as
      // Long.MIN_VALUE, which no checksum matches and no size accepts
      long v = (h.get(off) & 0x40) != 0 ? -1 : 0;
      v = (v << 6) | (h.get(off) & 0x3f);
      for (int i = 1; i < len; i++) {
        if (v >> 55 != 0 && v >> 55 != -1) {
          return Long.MIN_VALUE;
        }
        v = (v << 8) | (h.get(off + i) & 0xff);
      }
      return v;
    }
    String s = cString(h, off, len).trim();
    try {
      return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new IOException("corrupt tar header: \"" + s + "\" is not an octal number");
    }
  }

  private static String cString(ByteBuffer b, int off, int len) {
    int end = off;
    while (end < off + len && b.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - off];
    b.get(off, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static Map<String, String> paxRecords(ByteBuffer b) {
    String text = cString(b, 0, b.remaining());
    Map<String, String> out = new HashMap<>();
    for (String rec : text.split("\n")) {
      int sp = rec.indexOf(' ');
      int eq = rec.indexOf('=', sp + 1);
      if (sp > 0 && eq > sp) {
        out.put(rec.substring(sp + 1, eq), rec.substring(eq + 1));
      }
    }
    return out;
  }

  private static boolean isZero(ByteBuffer h) {
    for (int i = 0; i < BLOCK; i++) {
      if (h.get(i) != 0) {
        return false;
      }
    }
    return true;
  }
}
