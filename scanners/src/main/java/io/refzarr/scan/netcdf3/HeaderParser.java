package io.refzarr.scan.netcdf3;

import io.refzarr.refs.StoreKeys;
import io.refzarr.scan.MalformedFileException;
import io.refzarr.scan.netcdf3.Header.Attribute;
import io.refzarr.scan.netcdf3.Header.Dimension;
import io.refzarr.scan.netcdf3.Header.Variable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the header of a classic (CDF-1), 64-bit offset (CDF-2) or 64-bit data (CDF-5) netCDF file,
 * as the netCDF file format specification gives it. Every count and size is checked against the
 * bytes the file actually has before anything is allocated, so a hostile header fails fast with a
 * {@link MalformedFileException} naming the offset.
 */
final class HeaderParser {
  private static final int NC_DIMENSION = 0x0A;
  private static final int NC_VARIABLE = 0x0B;
  private static final int NC_ATTRIBUTE = 0x0C;

  /** No list entry of any kind is shorter than this; bounds the counts a header may claim. */
  private static final int MIN_ENTRY_BYTES = 8;

  private final FileBytes file;
  private int version;
  private long pos;

  private HeaderParser(FileBytes file) {
    this.file = file;
  }

  static Header parse(FileBytes file) throws IOException {
    return new HeaderParser(file).header();
  }

  private Header header() throws IOException {
    ByteBuffer magic = file.header(0, 4, "the magic number");
    if (magic.get(0) != 'C' || magic.get(1) != 'D' || magic.get(2) != 'F') {
      throw error(0, "not a netCDF3 file (no CDF magic number)");
    }
    version = magic.get(3);
    if (version != 1 && version != 2 && version != 5) {
      throw error(3, "unsupported netCDF3 format version " + version + " (known: 1, 2, 5)");
    }
    pos = 4;
    long numrecs = readNumrecs();
    List<Dimension> dims = dimensions();
    List<Attribute> globals = attributes("global attributes");
    List<Variable> vars = variables(dims);
    return new Header(version, numrecs, dims, globals, vars, pos);
  }

  private long readNumrecs() throws IOException {
    long start = pos;
    long n = version == 5 ? readLong("the record count") : readInt("the record count");
    if (n == -1) {
      return Header.STREAMING;
    }
    if (n < 0) {
      throw error(start, "negative record count " + n);
    }
    return n;
  }

  private List<Dimension> dimensions() throws IOException {
    long n = listHeader(NC_DIMENSION, "dimension list");
    List<Dimension> dims = new ArrayList<>();
    boolean record = false;
    for (long i = 0; i < n; i++) {
      long start = pos;
      String name = readName("dimension name");
      long length = readNonNeg("length of dimension " + name);
      if (length == 0) {
        if (record) {
          throw error(start, "a second record (unlimited) dimension: " + name);
        }
        record = true;
      }
      dims.add(new Dimension(name, length));
    }
    return dims;
  }

  private List<Attribute> attributes(String owner) throws IOException {
    long n = listHeader(NC_ATTRIBUTE, "attribute list of " + owner);
    List<Attribute> attrs = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      String name = readName("attribute name in " + owner);
      String what = "attribute " + name + " of " + owner;
      NcType type = readType(what);
      long start = pos;
      long count = readNonNeg("value count of " + what);
      long bytes = checkedBytes(count, type.size, start, what);
      file.header(pos, padded(bytes), what + " (" + count + " values)");
      byte[] raw = file.bytes(pos, (int) bytes);
      pos += padded(bytes);
      attrs.add(new Attribute(name, type, (int) count, raw));
    }
    return attrs;
  }

  private List<Variable> variables(List<Dimension> dims) throws IOException {
    long n = listHeader(NC_VARIABLE, "variable list");
    List<Variable> vars = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      vars.add(variable(dims));
    }
    return vars;
  }

  private Variable variable(List<Dimension> allDims) throws IOException {
    long start = pos;
    String name = readName("variable name");
    String notKey =
        StoreKeys.segmentProblem(name); // the name becomes a key segment: a corrupt one must not
    if (notKey != null) {
      throw error(
          start, "variable name " + StoreKeys.quote(name) + " cannot name a Zarr array: " + notKey);
    }
    String what = "variable " + name;
    long rank = readNonNeg("rank of " + what);
    if (rank > allDims.size() * 64L + 64) {
      throw error(
          start, what + " claims rank " + rank + " with only " + allDims.size() + " dimensions");
    }
    List<Dimension> dims = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      long idAt = pos;
      long id = readNonNeg("dimension id of " + what);
      if (id >= allDims.size()) {
        throw error(idAt, what + " names dimension id " + id + " of " + allDims.size());
      }
      Dimension dim = allDims.get((int) id);
      if (dim.isRecord() && d > 0) {
        throw error(
            idAt,
            what
                + " has the record dimension "
                + dim.name()
                + " at position "
                + d
                + "; it must come first");
      }
      dims.add(dim);
    }
    List<Attribute> attrs = attributes(what);
    NcType type = readType(what);
    // vsize is recomputed from the shape, as netCDF-C does: big variables store 2^32-1 (or garbage)
    // here
    if (version == 5) {
      readLong("vsize of " + what);
    } else {
      readInt("vsize of " + what);
    }
    long beginAt = pos;
    long begin = version == 1 ? readInt("begin of " + what) : readLong("begin of " + what);
    if (begin < 0) {
      throw error(beginAt, what + " has a negative data offset " + begin);
    }
    return new Variable(
        name, dims, attrs, type, begin, elementBytes(dims, type, start, what), start);
  }

  /**
   * Bytes of one record (or of the whole fixed array); fails when the product overflows 64 bits.
   */
  private long elementBytes(List<Dimension> dims, NcType type, long at, String what)
      throws IOException {
    long bytes = type.size;
    try {
      for (Dimension d : dims) {
        if (!d.isRecord()) {
          bytes = Math.multiplyExact(bytes, d.length());
        }
      }
    } catch (ArithmeticException e) {
      throw error(at, what + " has a shape whose size overflows 64 bits: " + shape(dims));
    }
    return bytes;
  }

  private static String shape(List<Dimension> dims) {
    StringBuilder sb = new StringBuilder("(");
    for (Dimension d : dims) {
      sb.append(sb.length() > 1 ? ", " : "").append(d.name()).append('=').append(d.length());
    }
    return sb.append(')').toString();
  }

  /** Reads a list's tag and count; an ABSENT list (two zeros) has count 0. */
  private long listHeader(int tag, String what) throws IOException {
    long start = pos;
    int t = readInt(what + " tag");
    long n = readNonNeg(what + " length");
    if (t == 0 && n == 0) {
      return 0;
    }
    if (t != tag) {
      throw error(start, "expected the " + what + " (tag " + tag + "), found tag " + t);
    }
    if (n > (file.size() - pos) / MIN_ENTRY_BYTES) {
      throw error(
          start,
          what
              + " claims "
              + n
              + " entries, more than the "
              + (file.size() - pos)
              + " remaining bytes of the file can hold");
    }
    return n;
  }

  private NcType readType(String what) throws IOException {
    long start = pos;
    int code = readInt("type of " + what);
    NcType type = NcType.of(code, version);
    if (type == null) {
      throw error(
          start, what + " has type code " + code + ", unknown in format version " + version);
    }
    return type;
  }

  private String readName(String what) throws IOException {
    long start = pos;
    long length = readNonNeg("length of " + what);
    if (length > file.size()) {
      throw error(start, what + " claims " + length + " bytes, more than the file has");
    }
    file.header(pos, padded(length), what);
    byte[] bytes = file.bytes(pos, (int) length);
    pos += padded(length);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) {
      end--; // some writers count a terminating NUL into the name; netCDF-C and scipy strip it
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  /** A NON_NEG: 32 bits, or 64 in CDF-5. */
  private long readNonNeg(String what) throws IOException {
    long start = pos;
    long v = version == 5 ? readLong(what) : readInt(what);
    if (v < 0) {
      throw error(start, what + " is negative: " + v);
    }
    return v;
  }

  private int readInt(String what) throws IOException {
    int v = file.header(pos, 4, what).getInt((int) pos);
    pos += 4;
    return v;
  }

  private long readLong(String what) throws IOException {
    long v = file.header(pos, 8, what).getLong((int) pos);
    pos += 8;
    return v;
  }

  private long checkedBytes(long count, int size, long at, String what) throws IOException {
    if (count > (file.size() - pos) / size) {
      throw error(
          at,
          what
              + " claims "
              + count
              + " values, more than the file's remaining "
              + (file.size() - pos)
              + " bytes can hold");
    }
    return count * size;
  }

  private static long padded(long bytes) {
    return (bytes + 3) & ~3L;
  }

  private MalformedFileException error(long offset, String reason) {
    return new MalformedFileException(file.name(), offset, reason);
  }
}
