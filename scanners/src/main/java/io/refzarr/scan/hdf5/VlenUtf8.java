package io.refzarr.scan.hdf5;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * numcodecs' {@code vlen-utf8} encoding: a little-endian uint32 item count, then per item a uint32
 * byte length and the UTF-8 bytes. Items are taken in C order from jhdf's (nested) string arrays.
 */
final class VlenUtf8 {
  private VlenUtf8() {}

  static byte[] encode(Object data, long count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, (int) count);
    append(out, data);
    return out.toByteArray();
  }

  private static void append(ByteArrayOutputStream out, Object data) {
    if (data instanceof Object[]) {
      for (Object x : (Object[]) data) {
        append(out, x);
      }
      return;
    }
    byte[] b = data == null ? new byte[0] : data.toString().getBytes(StandardCharsets.UTF_8);
    writeInt(out, b.length);
    out.write(b, 0, b.length);
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(), 0, 4);
  }
}
