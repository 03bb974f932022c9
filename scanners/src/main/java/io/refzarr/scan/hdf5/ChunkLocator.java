package io.refzarr.scan.hdf5;

import io.jhdf.Constants;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.DatasetInfo;
import io.jhdf.dataset.chunked.indexing.BTreeIndex;
import io.jhdf.dataset.chunked.indexing.ChunkIndex;
import io.jhdf.dataset.chunked.indexing.ExtensibleArrayIndex;
import io.jhdf.dataset.chunked.indexing.FixedArrayIndex;
import io.jhdf.dataset.chunked.indexing.ImplicitChunkIndex;
import io.jhdf.dataset.chunked.indexing.SingleChunkIndex;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.storage.HdfBackingStorage;
import io.refzarr.scan.MalformedFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * Lists the allocated chunks of a chunked dataset with their file offsets (user block included),
 * stored sizes and filter masks, for every chunk index type: version-1 B-trees (layout version 3,
 * what {@code libver="earliest"} and most netCDF4 files use) are walked here directly, streaming,
 * with cycle and depth checks; the layout version 4 indexes (single chunk, implicit, fixed array,
 * extensible array, version-2 B-tree) through jhdf's index classes.
 */
final class ChunkLocator {

  /**
   * Receives each allocated chunk; {@code offset} (element coordinates) is reused between calls.
   */
  interface Visitor {
    void chunk(long[] offset, long address, long size, int filterMask) throws IOException;
  }

  private ChunkLocator() {}

  static void forEach(
      Hdf5Context ctx,
      String object,
      DataLayoutMessage layout,
      long[] dims,
      int[] chunkDims,
      int elementSize,
      Visitor visitor)
      throws IOException {
    HdfBackingStorage storage = ctx.storage();
    long base = storage.getUserBlockSize();
    if (layout instanceof DataLayoutMessage.ChunkedDataLayoutMessage) {
      long root = ((DataLayoutMessage.ChunkedDataLayoutMessage) layout).getBTreeAddress();
      if (root != Constants.UNDEFINED_ADDRESS) {
        new BTreeV1Walker(
                ctx.channel(),
                ctx.file(),
                object,
                base,
                storage.getSizeOfOffsets(),
                dims.length,
                visitor)
            .walk(root);
      }
      return;
    }
    DataLayoutMessage.ChunkedDataLayoutMessageV4 v4 =
        (DataLayoutMessage.ChunkedDataLayoutMessageV4) layout;
    if (v4.getAddress() == Constants.UNDEFINED_ADDRESS) {
      return;
    }
    long chunkBytes = elementSize;
    for (int c : chunkDims) {
      chunkBytes *= c;
    }
    if (chunkBytes > Integer.MAX_VALUE) {
      throw new MalformedFileException(
          ctx.file(),
          -1,
          object + ": chunks of " + chunkBytes + " bytes are larger than jhdf can index");
    }
    DatasetInfo info = new DatasetInfo((int) chunkBytes, dims, chunkDims);
    for (Chunk c : index(ctx, object, v4, info).getAllChunks()) {
      visitor.chunk(
          c.getChunkOffset(), base + c.getAddress(), c.getSize(), mask(c.getFilterMask()));
    }
  }

  private static ChunkIndex index(
      Hdf5Context ctx,
      String object,
      DataLayoutMessage.ChunkedDataLayoutMessageV4 v4,
      DatasetInfo info)
      throws IOException {
    HdfBackingStorage storage = ctx.storage();
    switch (v4.getIndexingType()) {
      case DataLayoutMessage.ChunkedDataLayoutMessageV4.SINGLE_CHUNK_INDEX:
        return new SingleChunkIndex(v4, info);
      case DataLayoutMessage.ChunkedDataLayoutMessageV4.IMPLICIT_INDEX:
        return new ImplicitChunkIndex(v4.getAddress(), info);
      case DataLayoutMessage.ChunkedDataLayoutMessageV4.FIXED_ARRAY_INDEX:
        // "FAHD", version, client, entry size (byte 6), page bits, largest entry count (byte 8)
        checkEntries(ctx, v4.getAddress(), "fixed array chunk index", 6, 8);
        return new FixedArrayIndex(storage, v4.getAddress(), info);
      case DataLayoutMessage.ChunkedDataLayoutMessageV4.EXTENSIBLE_ARRAY_INDEX:
        // "EAHD", version, client, element size (byte 6), five parameter bytes, then counts and
        // sizes of secondary and data blocks (four lengths) before the largest index set
        checkEntries(
            ctx,
            v4.getAddress(),
            "extensible array chunk index",
            6,
            12 + 4 * storage.getSizeOfLengths());
        return new ExtensibleArrayIndex(storage, v4.getAddress(), info);
      case DataLayoutMessage.ChunkedDataLayoutMessageV4.B_TREE_V2_INDEX:
        return new BTreeIndex(storage, v4.getAddress(), info);
      default:
        throw new MalformedFileException(
            ctx.file(), -1, object + ": unknown chunk index type " + v4.getIndexingType());
    }
  }

  /**
   * jhdf sizes a list by the entry count an array index header claims before reading a single
   * entry; every entry takes {@code size} bytes of the file, so a count the file cannot hold is
   * damage, found here before that list is allocated.
   */
  private static void checkEntries(
      Hdf5Context ctx, long address, String structure, int sizeAt, int countAt) throws IOException {
    int lengths = ctx.storage().getSizeOfLengths();
    long at = ctx.storage().getUserBlockSize() + address;
    ByteBuffer header = ByteBuffer.allocate(countAt + lengths).order(ByteOrder.LITTLE_ENDIAN);
    if (at < 0 || ctx.channel().readAt(header, at) < header.capacity()) {
      throw new DamagedStructureException(
          structure, at, "its header runs past the end of the file");
    }
    int size = Math.max(1, Byte.toUnsignedInt(header.get(sizeAt)));
    long count = 0;
    for (int i = lengths - 1; i >= 0; i--) {
      count = (count << 8) | Byte.toUnsignedLong(header.get(countAt + i));
    }
    long file = ctx.channel().size();
    if (count < 0 || count > file / size) {
      throw new DamagedStructureException(
          structure,
          at,
          "claims "
              + Long.toUnsignedString(count)
              + " entries of "
              + size
              + " bytes at byte "
              + at
              + ", more than the file ("
              + file
              + " bytes) holds");
    }
  }

  static int mask(BitSet bits) {
    long[] words = bits == null ? new long[0] : bits.toLongArray();
    return words.length == 0 ? 0 : (int) words[0];
  }
}
