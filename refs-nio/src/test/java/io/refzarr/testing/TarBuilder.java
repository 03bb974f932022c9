package io.refzarr.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes small uncompressed tar archives for tests: ustar headers, and for names over 100 bytes a
 * GNU long-name entry or a PAX header (as chosen), so readers are tested on every way a name can be
 * stored.
 */
public final class TarBuilder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Adds a regular file with a plain ustar header (name up to 100 bytes). */
  public TarBuilder add(String name, byte[] data) {
    header(name, data.length, '0');
    pad(data);
    return this;
  }

  /** Adds a regular file whose name is stored in a GNU {@code ././@LongLink} entry. */
  public TarBuilder addGnuLongName(String name, byte[] data) {
    byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
    header("././@LongLink", n.length, 'L');
    pad(n);
    return add(name.substring(0, Math.min(99, name.length())), data);
  }

  /** Adds a regular file whose name is stored in a PAX extended header. */
  public TarBuilder addPax(String name, byte[] data) {
    String rec = " path=" + name + "\n";
    int len = rec.length() + 1;
    while (len != rec.length() + String.valueOf(len).length()) {
      len = rec.length() + String.valueOf(len).length();
    }
    byte[] pax = (len + rec).getBytes(StandardCharsets.UTF_8);
    header("PaxHeaders/x", pax.length, 'x');
    pad(pax);
    return add("truncated-name", data);
  }

  /** Adds an old-GNU sparse file entry (type {@code S}; the sparse map is left empty). */
  public TarBuilder addSparse(String name, byte[] data) {
    header(name, data.length, 'S');
    pad(data);
    return this;
  }

  /** Adds a directory entry. */
  public TarBuilder addDirectory(String name) {
    header(name, 0, '5');
    return this;
  }

  /** The archive, ended by two zero blocks. */
  public byte[] build() {
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private void header(String name, long size, char type) {
    byte[] h = new byte[512];
    put(h, 0, name, 100);
    put(h, 100, "0000644", 8);
    put(h, 108, "0000000", 8);
    put(h, 116, "0000000", 8);
    put(h, 124, String.format("%011o", size), 12);
    put(h, 136, "00000000000", 12);
    h[156] = (byte) type;
    put(h, 257, "ustar", 6);
    put(h, 263, "00", 2);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum), 7);
    out.writeBytes(h);
  }

  private void pad(byte[] data) {
    out.writeBytes(data);
    out.writeBytes(new byte[(512 - data.length % 512) % 512]);
  }

  private static void put(byte[] h, int off, String s, int max) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, Math.min(b.length, max));
  }
}
