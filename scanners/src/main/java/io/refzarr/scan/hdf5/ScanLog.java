package io.refzarr.scan.hdf5;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.scan.ScanReport;
import io.refzarr.zarr.ChunkGrid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The output of one scan: the sink, and what the report will say (counts, skips, notes). */
final class ScanLog {
  private final ReferenceSink sink;
  private final List<ScanReport.Skipped> skipped = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private long references;

  ScanLog(ReferenceSink sink) {
    this.sink = sink;
  }

  void put(String key, Reference ref) throws IOException {
    sink.put(key, ref);
    references++;
  }

  void putChunk(String array, long[] index, Reference ref) throws IOException {
    sink.putChunk(array, index, ref);
    references++;
  }

  void expectChunks(String array, ChunkGrid grid) throws IOException {
    sink.expectChunks(array, grid);
  }

  void skip(String object, String reason) {
    skipped.add(new ScanReport.Skipped(object, reason));
  }

  void note(String note) {
    notes.add(note);
  }

  ScanReport report(long requests, long bytesRead) {
    return new ScanReport(references, skipped, notes, requests, bytesRead);
  }
}
