package io.refzarr.bridge.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Zarr v3 {@code sharding_indexed}: a shard holds inner chunks (each encoded with the inner codec
 * chain) and an index of {@code (offset, nbytes)} little-endian uint64 pairs, one per inner chunk
 * in C order, at the start or end of the shard ({@code 2^64-1} twice: an empty inner chunk, read as
 * the fill value). Decoding gives the whole shard in C order, as an unsharded chunk of the shard's
 * shape would be.
 */
final class Sharding implements Codec {
  private static final long EMPTY = -1L;

  private final int[] shardShape;
  private final int[] innerShape;
  private final int[] innerAxes;
  private final int itemSize;
  private final byte[] fill;
  private final CodecPipeline inner;
  private final boolean indexAtEnd;
  private final boolean indexCrc;

  Sharding(CodecPipeline.ShardSpec spec) {
    this.shardShape = spec.shardShape();
    this.innerShape = spec.innerShape();
    this.innerAxes = spec.innerAxes();
    this.itemSize = spec.itemSize();
    this.fill = spec.fill();
    this.inner = spec.inner();
    this.indexAtEnd = spec.indexAtEnd();
    this.indexCrc = spec.indexCrc();
  }

  @Override
  public byte[] decode(byte[] in, OutputSize size) throws CodecException {
    int[] grid = new int[shardShape.length];
    for (int d = 0; d < grid.length; d++) {
      grid[d] = shardShape[d] / innerShape[d];
    }
    int count = count();
    size.checkOutput("sharding_indexed", (long) innerBytes() * count);
    ByteBuffer index = index(in, count);
    byte[] out = new byte[innerBytes() * count];
    int[] at = new int[grid.length];
    for (int c = 0; c < count; c++) {
      long off = index.getLong(16 * c);
      long len = index.getLong(16 * c + 8);
      byte[] chunk = off == EMPTY && len == EMPTY ? null : innerChunk(in, off, len, c);
      place(chunk, at, out);
      next(at, grid);
    }
    return out;
  }

  /**
   * A bound of the shard's size: its index and every inner chunk at the bound of its encoding (an
   * inner chunk's exact size is not known before its index entry is read).
   */
  @Override
  public OutputSize encodedSize(OutputSize decoded) {
    long chunk = inner.encodedSize(OutputSize.exactly(innerBytes())).bytes();
    return OutputSize.atMost(indexSize(count()) + chunk * count());
  }

  // Inner chunks per shard.
  private int count() {
    int count = 1;
    for (int d = 0; d < shardShape.length; d++) {
      count *= shardShape[d] / innerShape[d];
    }
    return count;
  }

  // The decoded size of one inner chunk.
  private int innerBytes() {
    int n = itemSize;
    for (int s : innerShape) {
      n *= s;
    }
    return n;
  }

  private int indexSize(int count) {
    return 16 * count + (indexCrc ? 4 : 0);
  }

  private ByteBuffer index(byte[] in, int count) throws CodecException {
    int size = indexSize(count);
    if (in.length < size) {
      throw new CodecException(
          "shard of " + in.length + " bytes is shorter than its index (" + size + ")");
    }
    byte[] raw =
        java.util.Arrays.copyOfRange(
            in, indexAtEnd ? in.length - size : 0, indexAtEnd ? in.length : size);
    byte[] entries = indexCrc ? Crc32c.INSTANCE.decode(raw, OutputSize.exactly(16 * count)) : raw;
    return ByteBuffer.wrap(entries).order(ByteOrder.LITTLE_ENDIAN);
  }

  private byte[] innerChunk(byte[] in, long off, long len, int c) throws CodecException {
    if (off < 0 || len < 0 || off + len > in.length) {
      throw new CodecException("shard index entry " + c + " points outside the shard");
    }
    byte[] encoded = java.util.Arrays.copyOfRange(in, (int) off, (int) (off + len));
    return inner.decode(encoded, innerBytes());
  }

  // Copies one inner chunk (stored with innerAxes) into the shard at inner-grid position `at`.
  private void place(byte[] chunk, int[] at, byte[] out) {
    int rank = shardShape.length;
    int[] storedStride = new int[rank];
    int s = 1;
    for (int k = rank - 1; k >= 0; k--) {
      storedStride[innerAxes[k]] = s;
      s *= innerShape[innerAxes[k]];
    }
    int[] i = new int[rank];
    int total = s;
    for (int e = 0; e < total; e++) {
      int src = 0;
      int dst = 0;
      for (int d = 0; d < rank; d++) {
        src += i[d] * storedStride[d];
        dst = dst * shardShape[d] + at[d] * innerShape[d] + i[d];
      }
      if (chunk == null) {
        System.arraycopy(fill, 0, out, dst * itemSize, itemSize);
      } else {
        System.arraycopy(chunk, src * itemSize, out, dst * itemSize, itemSize);
      }
      next(i, innerShape);
    }
  }

  private static void next(int[] i, int[] extent) {
    for (int d = i.length - 1; d >= 0; d--) {
      if (++i[d] < extent[d]) {
        return;
      }
      i[d] = 0;
    }
  }
}
