package io.refzarr.lazy;

import io.refzarr.internal.refs.KeyDirectories;
import io.refzarr.internal.refs.LazyStreams;
import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.Reference;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.source.TargetResolver;
import io.refzarr.zarr.ChunkGrid;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lazy Parquet reference set. Metadata keys come from {@code .zmetadata}; a chunk key {@code
 * <field>/<i.j.k>} is chunk number {@code n} of its array's grid (C order), row {@code n %
 * record_size} of {@code <field>/refs.<n / record_size>.parq}. Only the page holding that row is
 * read. Directories are derived from the metadata keys, so listing never reads a record file until
 * chunk names are asked for, and then one page at a time.
 */
final class ParquetReferenceSet implements LazyReferenceSet {
  static final long MAX_PROBED_RECORDS = 100_000;
  private final RecordSource root;
  private final ZMetadata meta;
  private final RecordCache cache;
  private final KeyDirectories directories;

  ParquetReferenceSet(RecordSource root, ZMetadata meta, LazyOptions options) {
    this.root = root;
    this.meta = meta;
    this.cache = new RecordCache(root, meta.recordSize(), options);
    this.directories = KeyDirectories.of(meta.metadata().keySet(), meta.arrays().keySet());
  }

  @Override
  public int recordSize() {
    return meta.recordSize();
  }

  @Override
  public CacheMetrics cacheMetrics() {
    return cache.metrics();
  }

  @Override
  public Optional<Reference> get(String key) throws IOException {
    byte[] doc = meta.metadata().get(key);
    if (doc != null) {
      return Optional.of(new Reference.Inline(doc.clone()));
    }
    String field = ZarrKeys.parent(key);
    ChunkGrid grid = meta.arrays().get(field);
    if (grid == null) {
      return Optional.empty();
    }
    OptionalLong flat = grid.parseKey(ZarrKeys.name(key));
    if (flat.isEmpty() && grid.contains(ZarrKeys.name(key))) {
      // a chunk of a grid of more than 2^63 - 1 chunks, past the numbers a long holds: refused
      // rather than read as missing
      throw new InvalidReferenceSetException(
          root.describe(field), key, "its chunk number exceeds 2^63 - 1 (array " + grid + ")");
    }
    return flat.isPresent()
        ? Optional.ofNullable(chunk(key, field, flat.getAsLong()))
        : Optional.empty();
  }

  private Reference chunk(String key, String field, long flat) throws IOException {
    RecordCache.FileKey fk = new RecordCache.FileKey(field, flat / meta.recordSize());
    long row = flat % meta.recordSize();
    try {
      Optional<RecordFile> file = cache.file(fk);
      int block = file.isPresent() ? file.get().blockOf(row) : -1;
      if (block < 0) {
        return null;
      }
      RowBlock rows = cache.block(fk, block);
      return rows.reference((int) (row - rows.firstRow()));
    } catch (InvalidReferenceSetException e) {
      throw new InvalidReferenceSetException(e.source(), key, reason(e), e);
    } catch (IllegalArgumentException e) {
      throw new InvalidReferenceSetException(
          cache.recordPath(fk),
          key,
          "row " + row + " holds an invalid reference: " + e.getMessage(),
          e);
    }
  }

  private static String reason(InvalidReferenceSetException e) {
    String prefix = e.source() + ": ";
    String msg = e.getMessage();
    return msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
  }

  @Override
  public Kind kind(String key) throws IOException {
    if (directories.isDirectory(key)) {
      return Kind.DIRECTORY;
    }
    return get(key).isPresent() ? Kind.FILE : Kind.ABSENT;
  }

  @Override
  public Stream<String> list(String directory) {
    if (!directories.isDirectory(directory)) {
      return Stream.empty();
    }
    ChunkGrid grid = meta.arrays().get(directory);
    Stream<String> names = directories.names(directory);
    return grid == null ? names : Stream.concat(names, chunkNames(directory, grid));
  }

  /**
   * The names of the chunks that have references, loading one page at a time as they are consumed.
   */
  private Stream<String> chunkNames(String field, ChunkGrid grid) {
    Iterator<String> it = new ChunkNames(field, grid);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * Walks records, then pages, then rows; a record or page is loaded only when the walk reaches it.
   */
  private final class ChunkNames implements Iterator<String> {
    private final String field;
    private final ChunkGrid grid;
    private final long lastRecord; // -1 for an empty grid
    private long[] present; // the record files that exist, when the source can list them
    private int nextPresent;
    private long record = -1;
    private Optional<RecordFile> file = Optional.empty();
    private int block;
    private RowBlock rows;
    private int row;
    private String next;

    ChunkNames(String field, ChunkGrid grid) {
      this.field = field;
      this.grid = grid;
      long lastFlat = grid.hasFlat(Long.MAX_VALUE) ? Long.MAX_VALUE : grid.chunkCount() - 1;
      this.lastRecord = lastFlat < 0 ? -1 : lastFlat / meta.recordSize();
    }

    @Override
    public boolean hasNext() {
      try {
        while (next == null && advance()) {
          long flat = flat(record, rows.firstRow() + row);
          if (rows.present(row) && grid.hasFlat(flat)) {
            next = grid.key(flat);
          }
          row++;
        }
        return next != null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The chunk number of a row of a record, or -1 past 2^63 - 1 (a record file's odd name). */
    private long flat(long record, long row) {
      long rs = meta.recordSize();
      return record > (Long.MAX_VALUE - row) / rs ? -1 : record * rs + row;
    }

    /** Moves to a row that exists in some loaded page; false at the end. */
    private boolean advance() throws IOException {
      while (rows == null || row >= rows.rowCount()) {
        RecordCache.FileKey fk = new RecordCache.FileKey(field, record);
        if (rows != null && block + 1 < file.get().blockCount()) {
          rows = cache.block(fk, ++block);
        } else if (nextRecord()) {
          fk = new RecordCache.FileKey(field, record);
          file = cache.file(fk);
          block = 0;
          rows = file.isPresent() && file.get().blockCount() > 0 ? cache.block(fk, 0) : null;
          if (rows == null) {
            continue;
          }
        } else {
          return false;
        }
        row = 0;
      }
      return true;
    }

    // Record files listed from the directory: a huge grid with few records is not probed number by
    // number.
    // A source that cannot list (HTTP) is probed, up to MAX_PROBED_RECORDS record numbers.
    private boolean nextRecord() throws IOException {
      if (record < 0 && present == null) {
        present = root.recordNumbers(field);
        if (present == null && lastRecord >= MAX_PROBED_RECORDS) {
          throw new InvalidReferenceSetException(
              root.describe(field),
              field,
              "listing its chunks would probe "
                  + (lastRecord + 1)
                  + " record files one by one (this source cannot list a directory; at most "
                  + MAX_PROBED_RECORDS
                  + " are probed)");
        }
      }
      if (present != null) {
        while (nextPresent < present.length && present[nextPresent] <= record) {
          nextPresent++;
        }
        if (nextPresent == present.length || present[nextPresent] > lastRecord) {
          return false;
        }
        record = present[nextPresent++];
        return true;
      }
      if (record < lastRecord) {
        record++;
        return true;
      }
      return false;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      String n = next;
      next = null;
      return n;
    }
  }

  @Override
  public Stream<String> keys() {
    Stream<String> chunks =
        LazyStreams.flatMap(
            meta.arrays().entrySet().stream(),
            e -> chunkNames(e.getKey(), e.getValue()).map(n -> ZarrKeys.join(e.getKey(), n)));
    return Stream.concat(new TreeSet<>(meta.metadata().keySet()).stream(), chunks);
  }

  /** Counts every key: reads every record file. */
  @Override
  public long size() throws IOException {
    try (Stream<String> keys = keys()) {
      return keys.count();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Checks every chunk reference against the size of its target (asked once per target); the first
   * row that points past the end of its target, or at a target that cannot be read, fails naming
   * the record file, row and key.
   */
  void verifyTargets(TargetResolver resolver, ByteRangeReaders sources) throws IOException {
    Map<String, Long> sizes = new HashMap<>();
    for (Map.Entry<String, ChunkGrid> e : meta.arrays().entrySet()) {
      try (Stream<String> names = chunkNames(e.getKey(), e.getValue())) {
        for (String name : (Iterable<String>) names::iterator) {
          String key = ZarrKeys.join(e.getKey(), name);
          verify(key, e.getKey(), get(key).orElseThrow(), resolver, sources, sizes);
        }
      } catch (UncheckedIOException u) {
        throw u.getCause();
      }
    }
  }

  private void verify(
      String key,
      String field,
      Reference ref,
      TargetResolver resolver,
      ByteRangeReaders sources,
      Map<String, Long> sizes)
      throws IOException {
    if (!(ref instanceof Reference.Targeted t)) {
      return;
    }
    String target = t.target();
    long flat = meta.arrays().get(field).parseKey(ZarrKeys.name(key)).getAsLong();
    String file = root.describe(ZMetadata.recordName(field, flat / meta.recordSize()));
    String row = "row " + flat % meta.recordSize();
    Long size = sizes.get(target);
    if (size == null) {
      try {
        java.net.URI uri = resolver.resolve(target);
        size = sources.forTarget(uri).size(uri);
      } catch (IOException | RuntimeException x) {
        throw new InvalidReferenceSetException(
            file, key, row + " names target " + target + ", which cannot be read: " + x, x);
      }
      sizes.put(target, size);
    }
    if (ref instanceof Reference.Range r && r.end() > size) {
      throw new InvalidReferenceSetException(
          file,
          key,
          row
              + " points past the end of its target: bytes "
              + r.offset()
              + ".."
              + (r.end() - 1)
              + " of "
              + target
              + ", which has "
              + size
              + " bytes");
    }
  }

  @Override
  public void close() {
    cache.clear();
  }

  @Override
  public String toString() {
    return "ParquetReferenceSet["
        + root.describe("")
        + ", "
        + meta.arrays().size()
        + " arrays, record_size "
        + meta.recordSize()
        + "]";
  }
}
