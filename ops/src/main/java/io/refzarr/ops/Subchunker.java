package io.refzarr.ops;

import io.refzarr.bridge.DataType;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.zarr.ChunkGrid;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * kerchunk's {@code subchunk}: the chunks of one uncompressed, unfiltered C-order array are split
 * along the first axis whose chunk length exceeds 1 into {@code factor} equal byte ranges,
 * renumbered; the {@code .zarray} gets the smaller chunk length. Pieces of a last chunk that lie
 * wholly past the array's end are dropped (the new grid has no slot for them). Other keys pass
 * through.
 */
final class Subchunker {
  private final String array;
  private final int factor;
  private final ReferenceReader reader;
  private final ReferenceSink sink;
  private ZarrArrayMetadata meta;
  private ChunkGrid oldGrid;
  private ChunkGrid newGrid;
  private int axis;
  private long pieceBytes;
  private long keys;
  private long rewritten;

  Subchunker(String array, int factor, ReferenceReader reader, ReferenceSink sink) {
    if (factor < 1) {
      throw new IllegalArgumentException("factor must be >= 1: " + factor);
    }
    this.array = array;
    this.factor = factor;
    this.reader = reader;
    this.sink = sink;
  }

  Summary run(ReferenceSet set) throws IOException {
    plan(set);
    KeyWalk.forEach(set, this::accept);
    return new Summary(keys, rewritten, 0);
  }

  private void plan(ReferenceSet set) throws IOException {
    String zarrayKey = ZarrKeys.join(array, ZarrKeys.ZARRAY);
    Reference ref =
        set.get(zarrayKey)
            .orElseThrow(() -> refuse("no array " + array + " (no " + zarrayKey + ")"));
    meta = ZarrArrayMetadata.parse(reader.read(zarrayKey, ref));
    if (meta.compressor() != null || !meta.filters().isEmpty()) {
      throw refuse(
          "array "
              + array
              + " is compressed or filtered (compressor "
              + meta.compressor()
              + ", filters "
              + meta.filters()
              + "): its chunks cannot be split as byte ranges");
    }
    if (meta.dimensionSeparator() != '.') {
      throw refuse("array " + array + " uses the dimension separator '/'; only '.' keys are split");
    }
    if (!meta.order().equals("C")) {
      throw refuse(
          "array "
              + array
              + " has order "
              + meta.order()
              + "; only C-order chunks split into ranges");
    }
    long[] chunks = meta.chunks().clone();
    axis = 0;
    while (axis < chunks.length && chunks[axis] == 1) {
      axis++;
    }
    if (axis == chunks.length) {
      throw refuse("array " + array + " has no axis with a chunk length above 1 to split");
    }
    if (chunks[axis] % factor != 0) {
      throw refuse(
          "the chunk length "
              + chunks[axis]
              + " of array "
              + array
              + " on axis "
              + axis
              + " is not a multiple of the factor "
              + factor);
    }
    int itemSize = DataType.of(meta.dtype()).size();
    if (itemSize == 0) {
      throw refuse("array " + array + " has variable-length elements");
    }
    long chunkBytes = itemSize;
    for (long c : chunks) {
      chunkBytes = Math.multiplyExact(chunkBytes, c);
    }
    pieceBytes = chunkBytes / factor;
    oldGrid = meta.grid();
    chunks[axis] /= factor;
    newGrid = ChunkGrid.of(meta.shape(), chunks, meta.dimensionSeparator());
  }

  private void accept(String key, Reference ref) throws IOException {
    keys++;
    if (!ZarrKeys.parent(key).equals(array)) {
      sink.put(key, ref);
      return;
    }
    String name = ZarrKeys.name(key);
    if (name.equals(ZarrKeys.ZARRAY)) {
      sink.put(key, Reference.inline(ZarrayEdits.withChunks(meta, newGrid.chunks())));
      rewritten++;
      return;
    }
    OptionalLong flat = oldGrid.parseKey(name);
    if (flat.isEmpty() && oldGrid.contains(name)) {
      throw refuse("chunk " + key + " is numbered past 2^63 - 1 in " + oldGrid);
    }
    if (flat.isEmpty()) {
      sink.put(key, ref);
      return;
    }
    split(key, oldGrid.index(flat.getAsLong()), ref);
  }

  private void split(String key, long[] index, Reference ref) throws IOException {
    if (!(ref instanceof Reference.Range r)) {
      throw refuse(
          "chunk "
              + key
              + " is "
              + (ref instanceof Reference.Inline ? "inlined" : "a whole file")
              + "; only byte ranges can be split");
    }
    if (r.length() != pieceBytes * factor) {
      throw refuse(
          "chunk "
              + key
              + " holds "
              + r.length()
              + " bytes, not the "
              + pieceBytes * factor
              + " of an uncompressed chunk");
    }
    rewritten++;
    long[] grid = newGrid.gridShape();
    for (int k = 0; k < factor; k++) {
      long[] piece = index.clone();
      piece[axis] = index[axis] * factor + k;
      if (piece[axis] >= grid[axis]) {
        break; // wholly past the array's end
      }
      sink.putChunk(
          array, piece, Reference.range(r.target(), r.offset() + k * pieceBytes, pieceBytes));
    }
  }

  private InvalidReferenceSetException refuse(String why) {
    return new InvalidReferenceSetException("subchunk", ZarrKeys.join(array, ZarrKeys.ZARRAY), why);
  }
}
