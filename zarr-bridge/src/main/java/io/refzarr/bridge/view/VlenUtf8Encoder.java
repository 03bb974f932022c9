package io.refzarr.bridge.view;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * numcodecs {@code vlen-utf8} encoding (an int32 item count, then per item an int32 byte length and
 * the UTF-8 bytes, little-endian): how the decoded view presents the chunks of object arrays, whose
 * elements have no fixed size.
 */
final class VlenUtf8Encoder {
  private VlenUtf8Encoder() {}

  static byte[] encode(String[] items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int32(out, items.length);
    for (String s : items) {
      byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
      int32(out, b.length);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  private static void int32(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }
}
