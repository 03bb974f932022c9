package io.refzarr.scan.hdf5;

import io.jhdf.AbstractNode;
import io.jhdf.Constants;
import io.jhdf.ObjectHeader;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.DataSpaceMessage;
import io.jhdf.object.message.DataTypeMessage;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.FillValueOldMessage;
import io.jhdf.object.message.FilterPipelineMessage;
import io.refzarr.refs.Reference;
import io.refzarr.scan.MalformedFileException;
import io.refzarr.zarr.ChunkGrid;
import io.refzarr.zarr.DType;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One HDF5 dataset to a Zarr v2 array: {@code .zarray}, {@code .zattrs} and one reference per
 * allocated chunk (byte ranges, or inline bytes under the inline threshold). Data that cannot be
 * referenced as it is stored (compact layout, variable-length strings, filters without a numcodecs
 * equivalent, chunks that skipped a filter) is read, decoded where needed and inlined.
 */
final class DatasetTranslator {
  private static final int NULL_DATASPACE = 2;
  private static final long MAX_DECODED_BYTES = 256L << 20;
  private final Hdf5Context ctx;
  private final io.refzarr.scan.ErrorPolicy policy;

  DatasetTranslator(Hdf5Context ctx, io.refzarr.scan.ErrorPolicy policy) {
    this.ctx = ctx;
    this.policy = policy;
  }

  /**
   * Translates the dataset at {@code path} (no leading slash).
   *
   * @throws Unsupported if the dataset cannot be represented (the caller applies the error policy)
   */
  void translate(String path, Dataset ds) throws IOException, Unsupported {
    ObjectHeader header = ((AbstractNode) ds).getHeader();
    DataSpace space = header.getMessageOfType(DataSpaceMessage.class).getDataSpace();
    if (space.getType() == NULL_DATASPACE) {
      throw new Unsupported("null dataspace (the dataset has no shape)");
    }
    long[] shape = space.getDimensionsAsLong();
    for (long n : shape) {
      if (n < 0) { // read as a signed number: no array of 2^63 elements or more can be addressed
        throw new Unsupported("dataspace size " + Long.toUnsignedString(n) + " (2^63 or more)");
      }
    }
    io.jhdf.object.datatype.DataType hdfType =
        SharedDatatypes.resolve(ctx, header.getMessageOfType(DataTypeMessage.class));
    ZarrType type = DatatypeMapper.map(hdfType);
    DataLayoutMessage layout = header.getMessageOfType(DataLayoutMessage.class);
    Map<String, Attribute> rawAttrs = attributes(path, ds);
    boolean scale = rawAttrs != null && DimensionScales.isScale(ds);
    // everything that can make the dataset unsupported is decided before its first reference is put
    List<String> dims =
        rawAttrs != null ? ctx.scales().names(ds, path, shape.length) : phony(shape.length);
    if (rawAttrs == null) {
      rawAttrs = Map.of();
    }
    // a dimension scale never written is kept (as an array with no chunks, reading as its fill
    // value)
    Array array = new Array(path, shape, type, scale);
    if (type.kind() == DType.Kind.OBJECT) {
      embedStrings(array, ds);
    } else if (layout instanceof DataLayoutMessage.CompactDataLayoutMessage) {
      array.chunks = shape;
      array.decoded = true;
      array.inline(
          zeroKey(shape.length),
          bytes(((DataLayoutMessage.CompactDataLayoutMessage) layout).getDataBuffer()));
    } else if (layout instanceof DataLayoutMessage.ContiguousDataLayoutMessage) {
      contiguous(array, (DataLayoutMessage.ContiguousDataLayoutMessage) layout);
    } else if (layout instanceof DataLayoutMessage.ChunkedDataLayoutMessage
        || layout instanceof DataLayoutMessage.ChunkedDataLayoutMessageV4) {
      chunked(array, ds, layout, header);
    } else {
      throw new Unsupported("layout " + ds.getDataLayout() + " cannot be referenced");
    }
    List<String> dropped = new ArrayList<>();
    Map<String, Object> attrs = AttributeMapper.convert(rawAttrs, dropped);
    for (String name : dropped) {
      ctx.log().note("/" + path + ": attribute " + name + " has no JSON form and was left out");
    }
    Map<String, Object> zattrs = new java.util.LinkedHashMap<>();
    zattrs.put("_ARRAY_DIMENSIONS", dims);
    zattrs.putAll(attrs);
    if (ctx.enumLabels()) {
      AttributeMapper.enumFlags(hdfType)
          .forEach(zattrs::putIfAbsent); // the file's own attributes win
    }
    Object fill =
        FillValues.decide(type, fillValue(header), rawAttrs, array.decoded, array.complete());
    ctx.log()
        .put(
            ZarrKeys.join(path, ZarrKeys.ZARRAY),
            ZarrMetadata.array(shape, array.chunks, type.dtype(), fill, array.codecs));
    ctx.log().put(ZarrKeys.join(path, ZarrKeys.ZATTRS), ZarrMetadata.attrs(zattrs));
    array.flush();
  }

  /**
   * The dataset's attributes; null when jhdf cannot load them and the policy is SKIP (they are
   * reported and the dataset is kept without them, its dimensions unnamed), else the failure
   * propagates.
   */
  private Map<String, Attribute> attributes(String path, Dataset ds) {
    try {
      return ds.getAttributes();
    } catch (RuntimeException x) {
      if (policy == io.refzarr.scan.ErrorPolicy.FAIL) {
        throw x;
      }
      ctx.log().skip("/" + path + " (attributes)", "attributes left out: " + Failures.describe(x));
      return null;
    }
  }

  private static List<String> phony(int rank) {
    List<String> names = new ArrayList<>(rank);
    for (int axis = 0; axis < rank; axis++) {
      names.add("phony_dim_" + axis);
    }
    return names;
  }

  private void contiguous(Array array, DataLayoutMessage.ContiguousDataLayoutMessage layout)
      throws IOException {
    array.chunks = array.shape;
    if (layout.getAddress() == Constants.UNDEFINED_ADDRESS) {
      return; // never written: every value is the fill value
    }
    long offset = ctx.storage().getUserBlockSize() + layout.getAddress();
    array.range(zeroKey(array.shape.length), offset, contiguousSize(array, layout));
  }

  /**
   * The stored size of a contiguous dataset. Layout messages of versions 1 and 2 (HDF5 before
   * 1.6.3) store none, and jhdf then reports -1: the HDF5 library takes the dataspace's element
   * count times the datatype size, and so does this.
   */
  private static long contiguousSize(
      Array array, DataLayoutMessage.ContiguousDataLayoutMessage layout) {
    if (layout.getSize() >= 0) {
      return layout.getSize();
    }
    long size = array.type.itemSize();
    for (long n : array.shape) {
      size = Math.multiplyExact(size, n);
    }
    return size;
  }

  private void chunked(Array array, Dataset ds, DataLayoutMessage layout, ObjectHeader header)
      throws IOException, Unsupported {
    int rank = array.shape.length;
    int[] dims =
        layout instanceof DataLayoutMessage.ChunkedDataLayoutMessage
            ? ((DataLayoutMessage.ChunkedDataLayoutMessage) layout).getChunkDimensions()
            : ((DataLayoutMessage.ChunkedDataLayoutMessageV4) layout).getChunkDimensions();
    int[] chunkDims = Arrays.copyOf(dims, rank); // the last entry is the element size
    array.chunks = Arrays.stream(chunkDims).asLongStream().toArray();
    for (long c : array.chunks) {
      if (c <= 0) {
        throw new MalformedFileException(
            ctx.file(), header.getAddress(), "/" + array.path + ": chunk dimension " + c);
      }
    }
    FilterPlan plan =
        header.hasMessageOfType(FilterPipelineMessage.class)
            ? FilterMapper.map(
                header.getMessageOfType(FilterPipelineMessage.class).getFilters(),
                array.type.itemSize())
            : FilterPlan.NONE;
    if (!plan.supported()) {
      decodeAll(array, (ChunkedDataset) ds, plan, chunkDims);
      return;
    }
    array.codecs = plan.codecs();
    List<FilterPipelineMessage.FilterInfo> filters =
        plan.pipelineLength() == 0
            ? List.of()
            : header.getMessageOfType(FilterPipelineMessage.class).getFilters();
    if (!ChunkCodec.canReencode(filters)) {
      requireNoMaskedChunks(array, layout, chunkDims, plan);
    }
    List<long[]> masked = new ArrayList<>(); // offset..., address, size, mask
    ChunkLocator.forEach(
        ctx,
        "/" + array.path,
        layout,
        array.shape,
        chunkDims,
        array.type.itemSize(),
        (offset, address, size, mask) -> {
          if (!plan.fullyFiltered(mask)) {
            long[] entry = Arrays.copyOf(offset, offset.length + 3);
            entry[offset.length] = address;
            entry[offset.length + 1] = size;
            entry[offset.length + 2] = mask;
            masked.add(entry);
            return;
          }
          array.range(chunkKey(array, offset), address, size - plan.checksumBytes(mask));
        });
    for (long[] entry : masked) {
      reencode(array, entry, filters);
    }
  }

  /**
   * A first pass where chunks that skipped filters could not be re-encoded: fail before any put.
   */
  private void requireNoMaskedChunks(
      Array array, DataLayoutMessage layout, int[] chunkDims, FilterPlan plan)
      throws IOException, Unsupported {
    boolean[] masked = new boolean[1];
    ChunkLocator.forEach(
        ctx,
        "/" + array.path,
        layout,
        array.shape,
        chunkDims,
        array.type.itemSize(),
        (offset, address, size, mask) -> masked[0] |= !plan.fullyFiltered(mask));
    if (masked[0]) {
      throw new Unsupported(
          "some chunks skipped some of their filters, and "
              + plan.codecs()
              + " cannot be re-applied here");
    }
  }

  /**
   * A chunk that skipped some filters: decoded through the ones it went through, re-encoded,
   * inlined.
   */
  private void reencode(Array array, long[] entry, List<FilterPipelineMessage.FilterInfo> filters)
      throws IOException, Unsupported {
    int rank = array.shape.length;
    long[] offset = Arrays.copyOf(entry, rank);
    long address = entry[rank];
    long size = entry[rank + 1];
    if (size > MAX_DECODED_BYTES || address + size > ctx.channel().size()) {
      throw new MalformedFileException(
          ctx.file(),
          address,
          "/" + array.path + ": chunk of " + size + " bytes does not fit the file");
    }
    ByteBuffer stored = ByteBuffer.allocate((int) size);
    ctx.channel().readAt(stored, address);
    byte[] decoded =
        ChunkCodec.decode(stored.array(), filters, (int) entry[rank + 2], array.type.itemSize());
    byte[] encoded = decoded == null ? null : ChunkCodec.encode(decoded, array.codecs);
    if (encoded == null) {
      throw new Unsupported(
          "a chunk skipped some of its filters, and they cannot be re-applied here ("
              + array.codecs
              + ")");
    }
    array.inline(chunkKey(array, offset), encoded);
  }

  /**
   * Unsupported filters: small datasets decoded by jhdf and inlined chunk by chunk, as kerchunk
   * does.
   */
  private void decodeAll(Array array, ChunkedDataset ds, FilterPlan plan, int[] chunkDims)
      throws IOException, Unsupported {
    long nbytes = array.type.itemSize();
    for (long n : array.shape) {
      nbytes *= n;
    }
    if (nbytes >= ctx.unsupportedInlineThreshold()) {
      throw new Unsupported(
          "filter "
              + String.join(", ", plan.unsupported())
              + " has no numcodecs equivalent, and the dataset ("
              + nbytes
              + " bytes) is not under the"
              + " inline limit of "
              + ctx.unsupportedInlineThreshold()
              + " bytes for decoding");
    }
    array.decoded = true;
    List<long[]> offsets = new ArrayList<>();
    ChunkLocator.forEach(
        ctx,
        "/" + array.path,
        ((AbstractNode) ds).getHeader().getMessageOfType(DataLayoutMessage.class),
        array.shape,
        chunkDims,
        array.type.itemSize(),
        (offset, address, size, mask) -> offsets.add(offset.clone()));
    long chunkBytes = array.type.itemSize();
    for (int c : chunkDims) {
      chunkBytes *= c;
    }
    int checksum = leadingChecksum(ds, chunkBytes, array.type.itemSize());
    List<byte[]> chunks = new ArrayList<>(); // all decoded and checked before the first is put
    for (long[] offset : offsets) {
      byte[] chunk = decodedChunk(ds, offset);
      if (checksum > 0 && chunk.length == chunkBytes + checksum) {
        chunk = Arrays.copyOf(chunk, (int) chunkBytes);
      }
      if (chunk.length != chunkBytes) {
        // e.g. jhdf 0.13 keeps a Fletcher-32 checksum that is not the last filter: never inline
        // such bytes
        throw new Unsupported(
            "filters "
                + String.join(", ", plan.unsupported())
                + " decode to "
                + chunk.length
                + " bytes per chunk instead of "
                + chunkBytes
                + " in refzarr's HDF5 reader");
      }
      chunks.add(chunk);
    }
    for (int i = 0; i < offsets.size(); i++) {
      array.inline(chunkKey(array, offsets.get(i)), chunks.get(i));
    }
    ctx.log()
        .note(
            "/"
                + array.path
                + ": filter "
                + String.join(", ", plan.unsupported())
                + " has no numcodecs equivalent; "
                + offsets.size()
                + " chunk(s) decoded and inlined");
  }

  /**
   * 4 when Fletcher-32 is the first filter and jhdf's decoding leaves its checksum at the end of
   * the chunk (jhdf 0.13 does not cut it when other filters follow it), so that cutting 4 bytes off
   * gives the data; 0 otherwise. With a shuffle later in the pipeline the cut is right only when
   * data plus checksum is whole elements (HDF5 passes leftover bytes through unshuffled).
   */
  private static int leadingChecksum(ChunkedDataset ds, long chunkBytes, int itemSize) {
    ObjectHeader header = ((AbstractNode) ds).getHeader();
    if (!header.hasMessageOfType(FilterPipelineMessage.class)) {
      return 0;
    }
    List<FilterPipelineMessage.FilterInfo> filters =
        header.getMessageOfType(FilterPipelineMessage.class).getFilters();
    if (filters.size() < 2 || filters.get(0).getId() != FilterMapper.FLETCHER32) {
      return 0;
    }
    boolean shuffled = filters.stream().anyMatch(f -> f.getId() == FilterMapper.SHUFFLE);
    return !shuffled || (chunkBytes + 4) % itemSize == 0 ? 4 : 0;
  }

  private static byte[] decodedChunk(ChunkedDataset ds, long[] offset) {
    int[] at = new int[offset.length];
    for (int d = 0; d < at.length; d++) {
      at[d] = Math.toIntExact(offset[d]);
    }
    return ds.getDecompressedChunk(at);
  }

  /**
   * Variable-length strings: every value read and embedded with the vlen-utf8 codec (kerchunk's
   * "embed").
   */
  private void embedStrings(Array array, Dataset ds) throws IOException, Unsupported {
    long count = 1;
    for (long n : array.shape) {
      count *= n;
    }
    if (count > MAX_DECODED_BYTES / 16) {
      throw new Unsupported("too many variable-length strings to embed (" + count + ")");
    }
    array.chunks = array.shape;
    array.decoded = true;
    array.codecs = List.of(Map.of("id", "vlen-utf8"));
    array.inline(zeroKey(array.shape.length), VlenUtf8.encode(ds.getData(), count));
  }

  private ByteBuffer fillValue(ObjectHeader header) {
    if (header.hasMessageOfType(FillValueMessage.class)) {
      FillValueMessage m = header.getMessageOfType(FillValueMessage.class);
      return m.isFillValueDefined() ? m.getFillValue() : null;
    }
    if (header.hasMessageOfType(FillValueOldMessage.class)) {
      return header.getMessageOfType(FillValueOldMessage.class).getFillValue();
    }
    return null;
  }

  /** The chunk's index in the Zarr chunk grid, checked against the grid. */
  private long[] chunkKey(Array array, long[] offset) throws IOException {
    long[] index = new long[array.shape.length];
    for (int d = 0; d < index.length; d++) {
      long o = offset[d];
      long c = array.chunks[d];
      long gridSize = ceilDiv(array.shape[d], c);
      if (o < 0 || o % c != 0 || o / c >= Math.max(gridSize, 1)) {
        throw new MalformedFileException(
            ctx.file(),
            -1,
            "/"
                + array.path
                + ": chunk at element offset "
                + Arrays.toString(offset)
                + " does not fit the chunk grid "
                + Arrays.toString(array.chunks)
                + " of shape "
                + Arrays.toString(array.shape));
      }
      index[d] = o / c;
    }
    return index;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** The index of the one chunk of an array stored whole (key {@code 0}, {@code 0.0}, ...). */
  private static long[] zeroKey(int rank) {
    return new long[rank];
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  /**
   * An array being translated: its layout decisions and its chunk references, put after the
   * metadata.
   */
  private final class Array {
    final String path;
    final long[] shape;
    final ZarrType type;
    long[] chunks;
    boolean decoded;
    List<Map<String, Object>> codecs = List.of();

    /** Buffered references (only while {@link #buffered}), else they go straight to the sink. */
    final List<Object[]> refs = new ArrayList<>();

    final boolean buffered;
    long count;

    Array(String path, long[] shape, ZarrType type, boolean buffered) {
      this.path = path;
      this.shape = shape;
      this.type = type;
      this.buffered = buffered;
    }

    void inline(long[] index, byte[] data) throws IOException {
      add(index, Reference.inline(data));
    }

    private void add(long[] index, Reference ref) throws IOException {
      if (count++ == 0 && !buffered) {
        // the .zarray follows the chunks (its fill value depends on them): their grid goes first
        ctx.log().expectChunks(path, ChunkGrid.of(shape, chunks, '.'));
      }
      if (buffered) {
        refs.add(new Object[] {index, ref});
      } else {
        ctx.log().putChunk(path, index, ref);
      }
    }

    void range(long[] index, long offset, long length) throws IOException {
      if (offset + length > ctx.channel().size() || length < 0) {
        throw new MalformedFileException(
            ctx.file(),
            offset,
            "/"
                + path
                + ": chunk "
                + ZarrKeys.chunkKey(path, index)
                + " of "
                + length
                + " bytes runs past the end of the file ("
                + ctx.channel().size()
                + " bytes)");
      }
      if (length < ctx.inlineThreshold()) {
        ByteBuffer buf = ByteBuffer.allocate((int) length);
        ctx.channel().readAt(buf, offset);
        add(index, Reference.inline(buf.array()));
      } else {
        add(index, Reference.range(ctx.url(), offset, length));
      }
    }

    /**
     * Whether every chunk of the grid has a reference (else the fill value is what is read there).
     */
    boolean complete() {
      long grid = 1;
      for (int d = 0; d < shape.length; d++) {
        long n = chunks[d] == 0 ? 0 : ceilDiv(shape[d], chunks[d]);
        grid = Math.multiplyHigh(grid, n) != 0 ? Long.MAX_VALUE : grid * n;
      }
      return count >= grid;
    }

    void flush() throws IOException {
      for (Object[] r : refs) {
        ctx.log().putChunk(path, (long[]) r[0], (Reference) r[1]);
      }
    }
  }
}
