package io.refzarr.lazy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked reader of Thrift's compact protocol over bytes read from a file, for the few
 * Parquet structures the lookup path parses itself ({@link RecordFooter}, {@link PageHeaders}).
 * Every length is checked against the bytes left before anything is allocated, so a hostile file
 * ends in an {@link IOException} naming the byte of the file where the structure went wrong, never
 * in an out-of-memory error.
 */
final class CompactReader {
  static final int STOP = 0;
  static final int TRUE = 1;
  static final int FALSE = 2;
  static final int BYTE = 3;
  static final int I16 = 4;
  static final int I32 = 5;
  static final int I64 = 6;
  static final int DOUBLE = 7;
  static final int BINARY = 8;
  static final int LIST = 9;
  static final int SET = 10;
  static final int MAP = 11;
  static final int STRUCT = 12;
  private static final int MAX_DEPTH = 32;

  private final byte[] b;
  private final int end;
  private final long base; // the file offset of b[0]
  private int p;
  private int fieldId;
  private int fieldType;
  private final int[] lastIds = new int[MAX_DEPTH + 1];
  private int depth;

  CompactReader(byte[] b, int from, int end, long base) {
    this.b = b;
    this.p = from;
    this.end = end;
    this.base = base;
  }

  /** The file offset of the next byte. */
  long position() {
    return base + p;
  }

  int offset() {
    return p;
  }

  /** Enters a struct: field ids are relative to the previous field of the same struct. */
  void beginStruct() throws IOException {
    if (depth == MAX_DEPTH) {
      throw corrupt("structures nested too deep");
    }
    lastIds[depth++] = fieldId;
    fieldId = 0;
  }

  void endStruct() {
    fieldId = lastIds[--depth];
  }

  /** Reads the next field header; false at the struct's stop byte. */
  boolean nextField() throws IOException {
    int h = u8();
    if (h == STOP) {
      return false;
    }
    fieldType = h & 0x0f;
    int delta = h >>> 4;
    fieldId = delta != 0 ? fieldId + delta : (short) zigzag32(varint());
    return true;
  }

  int fieldId() {
    return fieldId;
  }

  int fieldType() {
    return fieldType;
  }

  /** The boolean of a field whose value is in its type nibble. */
  boolean fieldBoolean() throws IOException {
    if (fieldType != TRUE && fieldType != FALSE) {
      throw corrupt("expected a boolean field, found type " + fieldType);
    }
    return fieldType == TRUE;
  }

  int i32() throws IOException {
    return zigzag32(varint());
  }

  long i64() throws IOException {
    long v = varint();
    return (v >>> 1) ^ -(v & 1);
  }

  /** A list header: its size (checked against the bytes left, at least one byte an element). */
  int listSize(int elementType) throws IOException {
    int h = u8();
    long n = h >>> 4 == 15 ? varint() : h >>> 4;
    if ((h & 0x0f) != elementType) {
      throw corrupt("expected a list of type " + elementType + ", found " + (h & 0x0f));
    }
    if (n < 0 || n > end - p) {
      throw corrupt("a list of " + n + " elements in " + (end - p) + " bytes");
    }
    return (int) n;
  }

  byte[] binary() throws IOException {
    long n = varint();
    if (n < 0 || n > end - p) {
      throw corrupt(n + " bytes of binary in " + (end - p));
    }
    byte[] out = new byte[(int) n];
    System.arraycopy(b, p, out, 0, (int) n);
    p += (int) n;
    return out;
  }

  String string() throws IOException {
    return new String(binary(), StandardCharsets.UTF_8);
  }

  /** Skips the value of the current field. */
  void skipField() throws IOException {
    skip(fieldType, 0);
  }

  private void skip(int type, int level) throws IOException {
    if (level > MAX_DEPTH) {
      throw corrupt("structures nested too deep");
    }
    switch (type) {
      case TRUE, FALSE -> {}
      case BYTE -> need(1);
      case I16, I32, I64 -> varint();
      case DOUBLE -> need(8);
      case BINARY -> {
        long n = varint();
        if (n < 0 || n > end - p) {
          throw corrupt(n + " bytes of binary in " + (end - p));
        }
        p += (int) n;
      }
      case LIST, SET -> {
        int h = u8();
        long n = h >>> 4 == 15 ? varint() : h >>> 4;
        int et = h & 0x0f;
        if (n < 0 || n > end - p) {
          throw corrupt("a list of " + n + " elements in " + (end - p) + " bytes");
        }
        for (long i = 0; i < n; i++) {
          if (et == TRUE || et == FALSE) {
            need(1); // a boolean element is a whole byte
          } else {
            skip(et, level + 1);
          }
        }
      }
      case MAP -> {
        long n = varint();
        if (n < 0 || n > end - p) {
          throw corrupt("a map of " + n + " entries in " + (end - p) + " bytes");
        }
        if (n > 0) {
          int kv = u8();
          for (long i = 0; i < n; i++) {
            skip(kv >>> 4, level + 1);
            skip(kv & 0x0f, level + 1);
          }
        }
      }
      case STRUCT -> {
        while (true) {
          int h = u8();
          if (h == STOP) {
            return;
          }
          if (h >>> 4 == 0) {
            varint(); // a long-form field id
          }
          skip(h & 0x0f, level + 1);
        }
      }
      default -> throw corrupt("unknown Thrift type " + type);
    }
  }

  private void need(int n) throws IOException {
    if (n > end - p) {
      throw corrupt("truncated");
    }
    p += n;
  }

  private int u8() throws IOException {
    if (p >= end) {
      throw corrupt("truncated");
    }
    return b[p++] & 0xff;
  }

  private long varint() throws IOException {
    long v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      int x = u8();
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw corrupt("varint too long");
  }

  private static int zigzag32(long v) {
    int i = (int) v;
    return (i >>> 1) ^ -(i & 1);
  }

  IOException corrupt(String what) {
    return new IOException(what + " at byte " + (base + p));
  }
}
