package io.refzarr.lazy;

import io.refzarr.internal.io.AtomicOutputs;
import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceOutput;
import io.refzarr.refs.StoreKeys;
import io.refzarr.zarr.ChunkGrid;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.parquet.io.api.Binary;

/**
 * Streams references into a Parquet reference directory (fsspec's lazy layout). Keys may arrive in
 * any order; chunk keys whose {@code .zarray} has not arrived yet wait for it, unless the producer
 * gave their grid first ({@link #expectChunks}). A record file is written as soon as all its chunks
 * are in; at most {@link WriteOptions#maxOpenRecords()} partly filled records stay in memory, the
 * least recently used beyond that being written out and read back if more of its keys come.
 *
 * <p>Everything is written into a hidden sibling directory; {@link #close()} renames it into place,
 * so the output appears complete or not at all. An existing Parquet reference directory at the
 * output is replaced only then. Call {@link #abort()} instead of {@code close()} when the producer
 * failed: it discards the partial output. Not thread-safe.
 *
 * <p>Mapping (fsspec's): metadata keys ({@code .z*}, and top-level keys that are not chunks) must
 * hold JSON objects and go into {@code .zmetadata}; a range becomes {@code (path, offset, size)}, a
 * whole target {@code (path, 0, 0)}, inline bytes {@code raw}. A zero-length range is stored as
 * empty inline bytes, since {@code (path, 0, 0)} would read back as the whole target. The default
 * target is stored as the path {@code ""}. A {@code .zmetadata} key of the input is dropped: the
 * writer makes its own.
 */
public final class ParquetReferenceWriter implements ReferenceOutput {
  private final Path out;
  private final Path staging;
  private final WriteOptions options;
  private final Map<String, byte[]> metadata = new TreeMap<>();
  private final Map<String, ChunkGrid> grids = new HashMap<>();
  private final Map<String, List<Pending>> pending = new HashMap<>();
  private final Set<String> expected = new HashSet<>(); // chunks came first; .zarray must follow
  private final LinkedHashMap<RecordCache.FileKey, RecordBuffer> open =
      new LinkedHashMap<>(16, 0.75f, true);
  private final Set<RecordCache.FileKey> onDisk = new HashSet<>();
  private final Map<String, Integer> pathIds = new HashMap<>();
  private final List<Binary> paths = new ArrayList<>();
  private boolean closed;
  private String lastField;
  private RecordCache.FileKey lastKey;
  private RecordBuffer lastBuffer;
  private ChunkGrid lastGrid;

  private record Pending(String key, Reference ref) {}

  ParquetReferenceWriter(Path out, WriteOptions options) throws IOException {
    this.out = out.toAbsolutePath().normalize();
    this.options = options;
    this.staging = AtomicOutputs.newStagingDirectory(this.out);
  }

  @Override
  public void put(String key, Reference ref) throws IOException {
    if (closed) {
      throw new IllegalStateException("the writer of " + out + " is closed");
    }
    StoreKeys.check(out.toString(), key);
    if (key.equals(ZarrKeys.ZMETADATA)) {
      return;
    }
    int slash = key.lastIndexOf('/');
    if (key.startsWith(".z", slash + 1) || ZarrKeys.isMetadataName(ZarrKeys.name(key))) {
      putMetadata(key, ref);
      return;
    }
    // consecutive keys mostly belong to one array: skip the substring and hash lookup for its path
    if (lastField == null || slash != lastField.length() || !key.startsWith(lastField)) {
      lastField = slash < 0 ? "" : key.substring(0, slash);
      lastGrid = grids.get(lastField);
    }
    if (lastGrid == null) {
      pending.computeIfAbsent(lastField, f -> new ArrayList<>()).add(new Pending(key, ref));
    } else {
      putChunk(key, lastField, lastGrid, ref);
    }
  }

  /**
   * Stores the chunks of {@code array} as they come, on {@code grid}, instead of holding them until
   * its {@code .zarray}, which must follow with the same grid (else {@link #close()} fails).
   */
  @Override
  public void expectChunks(String array, ChunkGrid grid) throws IOException {
    if (closed) {
      throw new IllegalStateException("the writer of " + out + " is closed");
    }
    if (grids.containsKey(array) || grid.separator() != '.') {
      return; // known already, or a grid the .zarray will be refused for
    }
    grids.put(array, grid);
    expected.add(array);
    lastField = null;
    flushPending(array, grid);
  }

  private void flushPending(String field, ChunkGrid grid) throws IOException {
    List<Pending> waiting = pending.remove(field);
    if (waiting != null) {
      for (Pending p : waiting) {
        putChunk(p.key(), field, grid, p.ref());
      }
    }
  }

  private void putMetadata(String key, Reference ref) throws IOException {
    byte[] doc = jsonObject(key, ref);
    if (ZarrKeys.name(key).equals(ZarrKeys.ZARRAY)) {
      String field = ZarrKeys.parent(key);
      ChunkGrid grid = ZMetadata.grid(key, doc, out.toString());
      ChunkGrid old = grids.get(field);
      if (old != null && !old.toString().equals(grid.toString())) {
        throw invalid(key, "the array's shape or chunks changed after its chunks were written");
      }
      grids.put(field, grid);
      expected.remove(field);
      lastField = null;
      metadata.put(key, doc);
      flushPending(field, grid);
      return;
    }
    metadata.put(key, doc);
  }

  private byte[] jsonObject(String key, Reference ref) throws IOException {
    if (!(ref instanceof Reference.Inline)) {
      throw invalid(key, "metadata must be inline JSON, found " + ref);
    }
    byte[] doc;
    try {
      doc = JsonCopy.minify(((Reference.Inline) ref).data());
    } catch (IOException | RuntimeException e) {
      throw invalid(key, "metadata is not valid JSON: " + e.getMessage());
    }
    if (doc.length == 0 || doc[0] != '{') {
      throw invalid(key, "the Parquet layout stores only JSON objects here");
    }
    return doc;
  }

  /** Stores a chunk by its grid index, without making or parsing its key (the scanners' path). */
  @Override
  public void putChunk(String array, long[] index, Reference ref) throws IOException {
    if (closed) {
      throw new IllegalStateException("the writer of " + out + " is closed");
    }
    ChunkGrid grid = array.equals(lastField) ? lastGrid : grids.get(array);
    if (grid == null) {
      put(ZarrKeys.chunkKey(array, index), ref); // waits for the array's .zarray
      return;
    }
    long flat = grid.flatIndex(index);
    if (flat < 0) {
      throw invalid(
          ZarrKeys.chunkKey(array, index),
          "outside the chunk grid of " + grid + ", or numbered past 2^63 - 1 in it");
    }
    storeChunk(array, grid, flat, ref);
  }

  private void putChunk(String key, String field, ChunkGrid grid, Reference ref)
      throws IOException {
    OptionalLong flat = grid.parseKey(ZarrKeys.name(key));
    if (flat.isEmpty() && grid.contains(ZarrKeys.name(key))) {
      throw invalid(key, "its chunk number in " + grid + " exceeds 2^63 - 1");
    }
    if (flat.isEmpty()) {
      throw invalid(
          key,
          "not a chunk key of the array "
              + grid
              + " (the Parquet layout stores only"
              + " metadata and chunks)");
    }
    storeChunk(field, grid, flat.getAsLong(), ref);
  }

  private void storeChunk(String field, ChunkGrid grid, long flat, Reference ref)
      throws IOException {
    int rs = options.recordSize();
    RecordCache.FileKey fk = new RecordCache.FileKey(field, flat / rs);
    RecordBuffer buffer = buffer(fk, grid);
    int row = (int) (flat % rs);
    if (ref instanceof Reference.Inline in) {
      buffer.setInline(row, in.data());
    } else if (ref instanceof Reference.Whole w) {
      buffer.setTarget(row, pathId(w.target()), 0, 0);
    } else {
      Reference.Range r = (Reference.Range) ref;
      if (r.offset() == 0 && r.length() == 0) {
        buffer.setInline(row, new byte[0]);
      } else {
        buffer.setTarget(row, pathId(r.target()), r.offset(), r.length());
      }
    }
    if (buffer.complete()) {
      writeRecord(fk, open.remove(fk));
      lastKey = null;
    }
  }

  private RecordBuffer buffer(RecordCache.FileKey fk, ChunkGrid grid) throws IOException {
    if (fk.equals(lastKey)) {
      return lastBuffer; // the common case: consecutive chunks of one record
    }
    RecordBuffer buffer = open.get(fk);
    lastKey = fk;
    lastBuffer = buffer;
    if (buffer != null) {
      return buffer;
    }
    int rs = options.recordSize();
    // a grid of more than Long.MAX_VALUE chunks fills every record it reaches
    long expected =
        grid.hasFlat(Long.MAX_VALUE) ? rs : Math.min(rs, grid.chunkCount() - fk.record() * rs);
    buffer = new RecordBuffer(rs, (int) expected);
    if (onDisk.contains(fk)) {
      readBack(fk, buffer);
    }
    open.put(fk, buffer);
    lastBuffer = buffer;
    if (open.size() > options.maxOpenRecords()) {
      Map.Entry<RecordCache.FileKey, RecordBuffer> eldest = open.entrySet().iterator().next();
      open.remove(eldest.getKey());
      if (eldest.getKey().equals(lastKey)) {
        lastKey = null;
      }
      writeRecord(eldest.getKey(), eldest.getValue());
    }
    return buffer;
  }

  /** Reloads a record written earlier, so later keys merge into it. */
  private void readBack(RecordCache.FileKey fk, RecordBuffer buffer) throws IOException {
    RecordFile file =
        RecordFile.open(
            RecordSource.of(staging),
            ZMetadata.recordName(fk.field(), fk.record()),
            options.recordSize());
    for (int b = 0; b < file.blockCount(); b++) {
      RowBlock rows = file.readBlock(b);
      for (int i = 0; i < rows.rowCount(); i++) {
        Reference ref = rows.reference(i);
        int row = (int) rows.firstRow() + i;
        if (ref instanceof Reference.Inline in) {
          buffer.setInline(row, in.data());
        } else if (ref instanceof Reference.Whole w) {
          buffer.setTarget(row, pathId(w.target()), 0, 0);
        } else if (ref instanceof Reference.Range r) {
          buffer.setTarget(row, pathId(r.target()), r.offset(), r.length());
        }
      }
    }
  }

  private int pathId(String target) {
    Integer id = pathIds.get(target);
    if (id == null) {
      id = paths.size();
      paths.add(Binary.fromConstantByteArray(target.getBytes(StandardCharsets.UTF_8)));
      pathIds.put(target, id);
    }
    return id;
  }

  private Path recordFile(RecordCache.FileKey fk) {
    return ZMetadata.recordFile(staging, fk.field(), fk.record());
  }

  private void writeRecord(RecordCache.FileKey fk, RecordBuffer buffer) throws IOException {
    Path file = recordFile(fk);
    Files.createDirectories(file.getParent());
    // a mostly empty record (a small array padded to record_size) is one page: page headers, offset
    // index
    // entries and compression frames would cost more than page-level reads save
    int pageRows = buffer.filledRows() < options.pageRows() ? buffer.rows() : options.pageRows();
    RecordWriter.write(file, buffer, paths, pageRows);
    onDisk.add(fk);
  }

  /** Writes what is left and {@code .zmetadata}, then moves the directory into place. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      resolvePending();
      for (Map.Entry<RecordCache.FileKey, RecordBuffer> e : open.entrySet()) {
        writeRecord(e.getKey(), e.getValue());
      }
      open.clear();
      Files.write(staging.resolve(ZMetadata.FILE), ZMetadata.write(metadata, options.recordSize()));
      OutputDirectories.publish(staging, out);
      closed = true;
    } finally {
      if (!closed) {
        abort();
      }
    }
  }

  /**
   * Keys still waiting for a {@code .zarray}: top-level JSON objects are metadata, the rest an
   * error.
   */
  private void resolvePending() throws IOException {
    for (Map.Entry<String, List<Pending>> e : pending.entrySet()) {
      for (Pending p : e.getValue()) {
        if (!e.getKey().isEmpty()) {
          throw invalid(p.key(), "a chunk of \"" + e.getKey() + "\", which has no .zarray");
        }
        metadata.put(p.key(), jsonObject(p.key(), p.ref()));
      }
    }
    pending.clear();
    if (!expected.isEmpty()) {
      String array = expected.iterator().next();
      throw invalid(
          ZarrKeys.join(array, ZarrKeys.ZARRAY),
          "chunks of \"" + array + "\" were put, but not its .zarray");
    }
  }

  /** Discards everything written so far; the output is left as it was. */
  @Override
  public void abort() throws IOException {
    closed = true;
    open.clear();
    OutputDirectories.deleteTree(staging);
  }

  private InvalidReferenceSetException invalid(String key, String reason) {
    return new InvalidReferenceSetException(out.toString(), key, "cannot be written: " + reason);
  }
}
