package io.refzarr.scan.netcdf3;

import io.refzarr.refs.ReferenceSink;
import io.refzarr.scan.MalformedFileException;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.Scanner;
import io.refzarr.scan.netcdf3.Header.Variable;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The netCDF3 scanner (classic CDF-1, 64-bit offset CDF-2, 64-bit data CDF-5). Obtain it from
 * {@code io.refzarr.scan.Scanners.netcdf3()}. It reads only the header (one read-ahead request for
 * ordinary headers, plus the size of the file) and the bytes of arrays small enough to inline.
 */
public final class Netcdf3Scanner implements Scanner {
  /** kerchunk's default for netCDF3. */
  static final int DEFAULT_INLINE_THRESHOLD = 100;

  private static final Netcdf3Scanner INSTANCE = new Netcdf3Scanner();

  private Netcdf3Scanner() {}

  /** The scanner (stateless, thread-safe). */
  public static Netcdf3Scanner instance() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return "netcdf3";
  }

  @Override
  public boolean recognizes(byte[] head) {
    return head.length >= 4
        && head[0] == 'C'
        && head[1] == 'D'
        && head[2] == 'F'
        && (head[3] == 1 || head[3] == 2 || head[3] == 5);
  }

  @Override
  public ScanReport scan(
      ScanInput input, ByteRangeReaders sources, ScanOptions options, ReferenceSink out)
      throws IOException {
    FileBytes file =
        FileBytes.open(sources.forTarget(input.location()), input.location(), input.url());
    Header header = HeaderParser.parse(file);
    checkNames(header, input.url());
    RecordLayout records = RecordLayout.of(header, file.size(), input.url());
    ZarrEmitter emitter =
        new ZarrEmitter(
            header,
            records,
            file,
            input.url(),
            options.inlineThresholdOr(DEFAULT_INLINE_THRESHOLD),
            options.errorPolicy(),
            out);
    emitter.emit();
    return new ScanReport(
        emitter.references(),
        emitter.skipped(),
        notes(header, records),
        file.requests(),
        file.bytesRead());
  }

  /** Variable names become key prefixes: refuse what the format forbids and a key cannot hold. */
  private static void checkNames(Header header, String file) throws MalformedFileException {
    for (Variable v : header.variables()) {
      String n = v.name();
      if (n.isEmpty() || n.contains("/") || n.equals(".") || n.equals("..") || n.startsWith(".z")) {
        throw new MalformedFileException(
            file, v.headerOffset(), "variable name \"" + n + "\" cannot be a Zarr array name");
      }
    }
  }

  private static List<String> notes(Header header, RecordLayout records) {
    List<String> notes = new ArrayList<>();
    notes.add(
        "netCDF3 format version " + header.version() + ", header " + header.length() + " bytes");
    if (records.claimed() == Header.STREAMING) {
      notes.add(
          "record count not set (streaming writer): "
              + records.present()
              + " complete records found from the file length");
    } else if (records.truncated()) {
      notes.add(
          "header claims "
              + records.claimed()
              + " records but the file holds only "
              + records.present()
              + " complete records: references made for those");
    }
    return notes;
  }
}
