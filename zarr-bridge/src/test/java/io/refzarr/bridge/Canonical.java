package io.refzarr.bridge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical bytes of check_refs.py ({@code canonical_bytes}): numbers as little-endian bytes
 * with one NaN bit pattern, bool as uint8, text and fixed-size bytes as a JSON list (Python's
 * {@code json.dumps} with {@code ensure_ascii=False}).
 */
final class Canonical {
  private Canonical() {}

  static String sha256(ArrayData data) {
    return hex(digest(bytes(data)));
  }

  static byte[] bytes(ArrayData data) {
    DataType t = data.dataType();
    return switch (t.kind()) {
      case STRING, UNICODE, BYTES ->
          jsonList(data.toStringArray()).getBytes(StandardCharsets.UTF_8);
      case FLOAT -> canonicalNaN(data.toByteArray(), t.size());
      case STRUCT -> struct(t, data.toByteArray());
      default -> data.toByteArray();
    };
  }

  // A record type: the concatenated sha256 of each field's canonical bytes.
  private static byte[] struct(DataType t, byte[] records) {
    int n = records.length / t.size();
    ByteBuffer out = ByteBuffer.allocate(32 * t.fields().size());
    for (DataType.Field f : t.fields()) {
      int w = f.type().size();
      byte[] column = new byte[n * w];
      for (int i = 0; i < n; i++) {
        System.arraycopy(records, i * t.size() + f.offset(), column, i * w, w);
      }
      ArrayData field = new ArrayData(new long[] {n}, f.type().littleEndian(), column, null);
      out.put(digest(bytes(field)));
    }
    return out.array();
  }

  private static byte[] canonicalNaN(byte[] le, int size) {
    ByteBuffer b = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < le.length; i += size) {
      if (size == 4 && Float.isNaN(b.getFloat(i))) {
        b.putInt(i, 0x7fc00000);
      } else if (size == 8 && Double.isNaN(b.getDouble(i))) {
        b.putLong(i, 0x7ff8000000000000L);
      }
    }
    return le;
  }

  static String jsonList(String[] values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      sb.append(i > 0 ? ", " : "").append('"');
      for (char c : values[i].toCharArray()) {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          case '\b' -> sb.append("\\b");
          case '\f' -> sb.append("\\f");
          default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
      }
      sb.append('"');
    }
    return sb.append(']').toString();
  }

  static byte[] digest(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
