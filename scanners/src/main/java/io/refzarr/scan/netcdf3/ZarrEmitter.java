package io.refzarr.scan.netcdf3;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.MalformedFileException;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.netcdf3.Header.Dimension;
import io.refzarr.scan.netcdf3.Header.Variable;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrGroupMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed header into Zarr v2 references, as kerchunk's {@code NetCDF3ToZarr} lays them out:
 * a fixed variable is one chunk covering the whole array (its exact size); a record variable has
 * one chunk per record; an array smaller than the inline threshold is one inlined chunk of its raw
 * big-endian bytes (no codec: kerchunk re-encodes these with Blosc).
 */
final class ZarrEmitter {
  /** Inlined record variables are gathered in reads of at most this many bytes. */
  private static final int GATHER_WINDOW = 1 << 20;

  private final Header header;
  private final RecordLayout records;
  private final FileBytes file;
  private final String target;
  private final int inlineThreshold;
  private final ErrorPolicy policy;
  private final ReferenceSink out;
  private long references;
  private final List<ScanReport.Skipped> skipped = new ArrayList<>();

  ZarrEmitter(
      Header header,
      RecordLayout records,
      FileBytes file,
      String target,
      int inlineThreshold,
      ErrorPolicy policy,
      ReferenceSink out) {
    this.header = header;
    this.records = records;
    this.file = file;
    this.target = target;
    this.inlineThreshold = inlineThreshold;
    this.policy = policy;
    this.out = out;
  }

  long references() {
    return references;
  }

  List<ScanReport.Skipped> skipped() {
    return skipped;
  }

  void emit() throws IOException {
    put(ZarrKeys.ZGROUP, ZarrGroupMetadata.toJson());
    put(".zattrs", Json.writeBytes(AttributeValues.toJson(header.attributes(), List.of())));
    for (Variable v : header.variables()) {
      if (fits(v)) {
        variable(v);
      }
    }
  }

  /**
   * Whether a fixed variable's data lies within the file and after the header; FAIL throws, SKIP
   * records.
   */
  private boolean fits(Variable v) throws IOException {
    if (v.isRecord()) {
      return true;
    }
    String problem = null;
    if (v.begin() > file.size() || v.elementBytes() > file.size() - v.begin()) {
      problem =
          "its data ["
              + v.begin()
              + ", +"
              + v.elementBytes()
              + ") lies beyond the end of the file ("
              + file.size()
              + " bytes): truncated file?";
    } else if (v.begin() < header.length()) {
      problem =
          "its data offset "
              + v.begin()
              + " lies inside the header ("
              + header.length()
              + " bytes)";
    }
    if (problem == null) {
      return true;
    }
    if (policy == ErrorPolicy.FAIL) {
      throw new MalformedFileException(
          file.name(), v.headerOffset(), "variable " + v.name() + ": " + problem);
    }
    skipped.add(new ScanReport.Skipped(v.name(), problem));
    return false;
  }

  private void variable(Variable v) throws IOException {
    long[] shape = shape(v);
    long nbytes =
        v.isRecord() ? Math.multiplyExact(v.elementBytes(), records.present()) : v.elementBytes();
    boolean inline = inlineThreshold > 0 && nbytes > 0 && nbytes < inlineThreshold;
    long[] chunks = inline || !v.isRecord() ? shape.clone() : recordChunk(shape);
    AttributeValues.Fill fill = AttributeValues.fill(v.type(), v.attributes());
    put(v.name() + "/.zarray", zarray(v, shape, chunks, fill.value()));
    put(v.name() + "/.zattrs", zattrs(v, fill));
    if (inline) {
      put(
          v.name() + "/" + zeroKey(shape.length),
          v.isRecord() ? gather(v, (int) nbytes) : file.bytes(v.begin(), (int) nbytes));
    } else if (!v.isRecord()) {
      putRange(v.name() + "/" + zeroKey(shape.length), v.begin(), v.elementBytes());
    } else {
      recordChunks(v, shape.length);
    }
  }

  private void recordChunks(Variable v, int rank) throws IOException {
    long[] index = new long[rank];
    for (long i = 0; i < records.present(); i++) {
      index[0] = i;
      long offset = v.begin() + i * records.recsize();
      out.putChunk(v.name(), index, Reference.range(target, offset, v.elementBytes()));
      references++;
    }
  }

  /** The records of an inlined record variable, read in windows of neighbouring records. */
  private byte[] gather(Variable v, int nbytes) throws IOException {
    byte[] data = new byte[nbytes];
    int per = (int) v.elementBytes();
    long perWindow = Math.max(1, (GATHER_WINDOW - per) / records.recsize() + 1);
    for (long i = 0; i < records.present(); i += perWindow) {
      long n = Math.min(perWindow, records.present() - i);
      long start = v.begin() + i * records.recsize();
      byte[] window = file.bytes(start, (int) ((n - 1) * records.recsize() + per));
      for (long k = 0; k < n; k++) {
        System.arraycopy(window, (int) (k * records.recsize()), data, (int) ((i + k) * per), per);
      }
    }
    return data;
  }

  private long[] shape(Variable v) {
    List<Dimension> dims = v.dimensions();
    long[] shape = new long[dims.size()];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = dims.get(d).isRecord() ? records.present() : dims.get(d).length();
    }
    return shape;
  }

  private static long[] recordChunk(long[] shape) {
    long[] chunks = shape.clone();
    chunks[0] = 1;
    return chunks;
  }

  private static byte[] zarray(Variable v, long[] shape, long[] chunks, Object fill) {
    return ZarrArrayMetadata.builder()
        .shape(shape)
        .chunks(chunks)
        .dtype(v.type().dtype)
        .fillValue(fill)
        .build()
        .toJson();
  }

  private static byte[] zattrs(Variable v, AttributeValues.Fill fill) {
    Map<String, Object> attrs = AttributeValues.toJson(v.attributes(), fill.replaced());
    List<Object> dims = new ArrayList<>();
    v.dimensions().forEach(d -> dims.add(d.name()));
    attrs.put("_ARRAY_DIMENSIONS", dims);
    return Json.writeBytes(attrs);
  }

  /** {@code "0.0.0"} for rank 3; {@code "0"} for rank 0 and 1 (a scalar's single chunk). */
  private static String zeroKey(int rank) {
    return rank <= 1 ? "0" : "0" + ".0".repeat(rank - 1);
  }

  private void put(String key, byte[] data) throws IOException {
    out.put(key, Reference.inline(data));
    references++;
  }

  private void putRange(String key, long offset, long length) throws IOException {
    out.put(key, Reference.range(target, offset, length));
    references++;
  }
}
