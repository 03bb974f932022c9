package io.refzarr.scan.netcdf3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes netCDF3 files (CDF-1, CDF-2, CDF-5) for tests, following the format specification: header,
 * fixed variables one after another (each padded to 4 bytes), then the interleaved records (each
 * variable's record padded to 4 bytes unless it is the only record variable). Tests can make the
 * header lie (a record count, the streaming marker) and cut the file short.
 */
final class Netcdf3Writer {
  private final int version;
  private final Map<String, Long> dims = new LinkedHashMap<>();
  private final List<Attr> globals = new ArrayList<>();
  private final List<Var> vars = new ArrayList<>();
  private long records;
  private Long claimedRecords;

  Netcdf3Writer(int version) {
    this.version = version;
  }

  /** A dimension; length 0 is the record dimension. */
  Netcdf3Writer dim(String name, long length) {
    dims.put(name, length);
    return this;
  }

  Netcdf3Writer records(long n) {
    records = n;
    return this;
  }

  /** The record count written in the header, instead of the real one (-1: streaming). */
  Netcdf3Writer claimRecords(long n) {
    claimedRecords = n;
    return this;
  }

  Netcdf3Writer globalText(String name, String value) {
    globals.add(Attr.text(name, value));
    return this;
  }

  Netcdf3Writer global(String name, NcType type, Number... values) {
    globals.add(Attr.numbers(name, type, values));
    return this;
  }

  /**
   * A variable; {@code data} is the whole array (all records, for a record variable), big-endian.
   */
  Var var(String name, NcType type, byte[] data, String... dimNames) {
    Var v = new Var(name, type, List.of(dimNames), data);
    vars.add(v);
    return v;
  }

  /** The length of the header this writer makes. */
  int headerLength() {
    return header(new long[vars.size()]).length;
  }

  byte[] build() {
    long[] begins = begins();
    ByteBuffer file = ByteBuffer.allocate((int) (dataEnd(begins)));
    file.put(header(begins));
    long recsize = recsize();
    for (int i = 0; i < vars.size(); i++) {
      Var v = vars.get(i);
      int per = (int) elementBytes(v);
      if (!isRecord(v)) {
        file.put((int) begins[i], v.data, 0, per);
      } else {
        for (int r = 0; r < records; r++) {
          file.put((int) (begins[i] + r * recsize), v.data, r * per, per);
        }
      }
    }
    return file.array();
  }

  private long dataEnd(long[] begins) {
    long end = headerLength();
    for (int i = 0; i < vars.size(); i++) {
      if (!isRecord(vars.get(i))) {
        end = Math.max(end, begins[i] + pad(elementBytes(vars.get(i))));
      }
    }
    return end + recsize() * records;
  }

  /** Where each variable's data begins. */
  long[] begins() {
    int headerLength = headerLength();
    long[] begins = new long[vars.size()];
    long pos = headerLength;
    for (int i = 0; i < vars.size(); i++) {
      if (!isRecord(vars.get(i))) {
        begins[i] = pos;
        pos += pad(elementBytes(vars.get(i)));
      }
    }
    long recPos = pos;
    for (int i = 0; i < vars.size(); i++) {
      if (isRecord(vars.get(i))) {
        begins[i] = recPos;
        recPos +=
            recordVarCount() == 1 ? elementBytes(vars.get(i)) : pad(elementBytes(vars.get(i)));
      }
    }
    return begins;
  }

  /** The header bytes with the given data offsets. */
  byte[] header(long[] begins) {
    Out out = new Out();
    out.raw(new byte[] {'C', 'D', 'F', (byte) version});
    out.nonNeg(claimedRecords != null ? claimedRecords : records);
    out.tag(0x0A, dims.size());
    dims.forEach(
        (name, length) -> {
          out.name(name);
          out.nonNeg(length);
        });
    attrs(out, globals);
    out.tag(0x0B, vars.size());
    List<String> dimNames = new ArrayList<>(dims.keySet());
    for (int i = 0; i < vars.size(); i++) {
      Var v = vars.get(i);
      out.name(v.name);
      out.nonNeg(v.dims.size());
      v.dims.forEach(d -> out.nonNeg(dimNames.indexOf(d)));
      attrs(out, v.attrs);
      out.i32(v.type.code);
      out.nonNeg(pad(elementBytes(v)));
      if (version == 1) {
        out.i32((int) begins[i]);
      } else {
        out.i64(begins[i]);
      }
    }
    return out.bytes();
  }

  private void attrs(Out out, List<Attr> attrs) {
    out.tag(0x0C, attrs.size());
    for (Attr a : attrs) {
      out.name(a.name);
      out.i32(a.type.code);
      out.nonNeg(a.count);
      out.raw(a.raw);
      out.raw(new byte[(int) (pad(a.raw.length) - a.raw.length)]);
    }
  }

  private boolean isRecord(Var v) {
    return !v.dims.isEmpty() && dims.get(v.dims.get(0)) == 0;
  }

  long elementBytes(Var v) {
    long n = v.type.size;
    for (String d : v.dims) {
      n *= dims.get(d) == 0 ? 1 : dims.get(d);
    }
    return n;
  }

  private long recordVarCount() {
    return vars.stream().filter(this::isRecord).count();
  }

  long recsize() {
    long sum = 0;
    for (Var v : vars) {
      if (isRecord(v)) {
        sum += recordVarCount() == 1 ? elementBytes(v) : pad(elementBytes(v));
      }
    }
    return sum;
  }

  private static long pad(long n) {
    return (n + 3) & ~3L;
  }

  /** A variable being defined. */
  static final class Var {
    final String name;
    final NcType type;
    final List<String> dims;
    final byte[] data;
    final List<Attr> attrs = new ArrayList<>();

    Var(String name, NcType type, List<String> dims, byte[] data) {
      this.name = name;
      this.type = type;
      this.dims = dims;
      this.data = data;
    }

    Var text(String name, String value) {
      attrs.add(Attr.text(name, value));
      return this;
    }

    Var attr(String name, NcType type, Number... values) {
      attrs.add(Attr.numbers(name, type, values));
      return this;
    }
  }

  /** An attribute: {@code count} values of {@code type}, big-endian. */
  record Attr(String name, NcType type, int count, byte[] raw) {
    static Attr text(String name, String value) {
      byte[] b = value.getBytes(StandardCharsets.UTF_8);
      return new Attr(name, NcType.CHAR, b.length, b);
    }

    static Attr numbers(String name, NcType type, Number... values) {
      return new Attr(name, type, values.length, encode(type, values));
    }
  }

  /** Big-endian bytes of {@code values} as {@code type}. */
  static byte[] encode(NcType type, Number... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * type.size);
    for (Number v : values) {
      switch (type) {
        case BYTE:
        case UBYTE:
        case CHAR:
          b.put(v.byteValue());
          break;
        case SHORT:
        case USHORT:
          b.putShort(v.shortValue());
          break;
        case INT:
        case UINT:
          b.putInt(v.intValue());
          break;
        case INT64:
        case UINT64:
          b.putLong(v.longValue());
          break;
        case FLOAT:
          b.putFloat(v.floatValue());
          break;
        case DOUBLE:
          b.putDouble(v.doubleValue());
          break;
        default:
          throw new IllegalArgumentException(type.toString());
      }
    }
    return b.array();
  }

  /** Header output with the format's integer widths. */
  private final class Out {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    void raw(byte[] b) {
      buf.writeBytes(b);
    }

    void i32(int v) {
      raw(ByteBuffer.allocate(4).putInt(v).array());
    }

    void i64(long v) {
      raw(ByteBuffer.allocate(8).putLong(v).array());
    }

    void nonNeg(long v) {
      if (version == 5) {
        i64(v);
      } else {
        i32((int) v);
      }
    }

    void tag(int tag, int count) {
      i32(count == 0 ? 0 : tag);
      nonNeg(count);
    }

    void name(String name) {
      byte[] b = name.getBytes(StandardCharsets.UTF_8);
      nonNeg(b.length);
      raw(b);
      raw(new byte[(int) (pad(b.length) - b.length)]);
    }

    byte[] bytes() {
      return buf.toByteArray();
    }
  }
}
