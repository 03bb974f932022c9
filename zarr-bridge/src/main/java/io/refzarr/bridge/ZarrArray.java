package io.refzarr.bridge;

import io.refzarr.nio.ReferenceFileSystemProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * A Zarr array (v2 or v3) in a directory of any {@code java.nio} file system: the {@code reference}
 * file system, a local directory, a zip. Metadata is read once at {@link #open}; {@link #read}
 * fetches only the chunks a slice touches, decoding them in parallel. Thread-safe. {@link
 * #readInto} writes a slice's values straight to a file, a channel or a buffer, with memory bounded
 * by the chunks in flight.
 *
 * <p>Chunks are fetched and decoded on the calling thread together with tasks on an {@link
 * Executor}, one worker per core in all. The default executor is {@link ForkJoinPool#commonPool()}:
 * zarr-bridge owns no threads (nothing to shut down, nothing hidden), the common pool has a thread
 * fewer than there are cores and the calling thread makes up the last, and on a {@code reference}
 * file system a worker waiting for its ranges blocks as a managed blocker, so the pool adds a
 * thread meanwhile. Pass an executor of your own ({@link #open(Path, Executor)}) to keep reads off
 * the common pool, or {@code Runnable::run} to read on the calling thread alone; zarr-bridge never
 * shuts it down.
 *
 * <pre>{@code
 * try (FileSystem fs = FileSystems.newFileSystem(Path.of("refs.json"), Map.of("root", "/data"))) {
 *   ZarrArray temp = ZarrArray.open(fs.getPath("/temp"));
 *   float[] firstStep = temp.read(Slice.parse("0", temp.shape())).toFloatArray();
 * }
 * }</pre>
 */
public final class ZarrArray {
  private final Path path;
  private final ArrayLayout layout;
  private final ChunkReader reader;
  private final Executor executor;

  private ZarrArray(Path path, ArrayLayout layout, Executor executor) throws ZarrFormatException {
    this.path = path;
    this.layout = layout;
    this.executor = executor;
    this.reader = new ChunkReader(path, layout, executor);
  }

  /**
   * Opens the array whose metadata ({@code .zarray} or {@code zarr.json}) is in {@code dir}.
   *
   * @throws java.nio.file.NoSuchFileException if {@code dir} holds no array
   * @throws ZarrFormatException if the metadata is malformed or names an unsupported dtype or codec
   */
  public static ZarrArray open(Path dir) throws IOException {
    return open(dir, ForkJoinPool.commonPool());
  }

  /**
   * Opens the array in {@code dir}, reading its chunks on the calling thread and {@code executor}
   * (which the caller keeps and shuts down).
   *
   * @throws java.nio.file.NoSuchFileException if {@code dir} holds no array
   * @throws ZarrFormatException if the metadata is malformed or names an unsupported dtype or codec
   */
  public static ZarrArray open(Path dir, Executor executor) throws IOException {
    Objects.requireNonNull(executor, "executor");
    return new ZarrArray(dir, MetadataReader.readArray(dir, nameOf(dir)), executor);
  }

  // Inside a reference file system the key prefix ("temp") names the array; elsewhere the whole
  // path.
  static String nameOf(Path dir) {
    String s = dir.toString();
    boolean reference =
        ReferenceFileSystemProvider.SCHEME.equals(dir.getFileSystem().provider().getScheme());
    return reference && s.startsWith("/") && s.length() > 1 ? s.substring(1) : s;
  }

  /** The array directory. */
  public Path path() {
    return path;
  }

  /** The array shape ({@code []} for a scalar). */
  public long[] shape() {
    return layout.scalar() ? new long[0] : layout.shape().clone();
  }

  /** The chunk shape ({@code []} for a scalar). */
  public long[] chunks() {
    return layout.scalar() ? new long[0] : layout.chunks().clone();
  }

  public int rank() {
    return layout.scalar() ? 0 : layout.rank();
  }

  /** The element type as stored. */
  public DataType dataType() {
    return layout.type();
  }

  /** The user attributes ({@code .zattrs}, or {@code attributes} of {@code zarr.json}). */
  public Map<String, Object> attributes() {
    return layout.attributes();
  }

  /**
   * Dimension names from {@code _ARRAY_DIMENSIONS} (v2) or {@code dimension_names} (v3); empty if
   * none.
   */
  public List<String> dimensionNames() {
    return layout.dimensionNames();
  }

  /** The codec ids in decoding order. */
  public List<String> codecs() {
    return layout.codecs().names();
  }

  /** Reads the whole array. */
  public ArrayData read() throws IOException {
    return reader.read(Slice.all(layout.shape()));
  }

  /** Reads the block at {@code offset} of {@code count} elements per axis. */
  public ArrayData read(long[] offset, long[] count) throws IOException {
    return read(Slice.of(offset, count));
  }

  /**
   * Reads a hyperslab.
   *
   * @throws IllegalArgumentException if the slice has the wrong rank or reaches past the array
   * @throws ChunkDecodeException naming the array and chunk if a chunk cannot be decoded
   */
  public ArrayData read(Slice slice) throws IOException {
    return reader.read(normalize(slice));
  }

  /**
   * The number of bytes a slice's values take ({@link #readInto}), elements times the element size.
   */
  public long byteSize(Slice slice) {
    return slice.size() * layout.type().size();
  }

  /**
   * Writes a hyperslab's values (C order, little-endian, as {@link ArrayData#buffer()} holds them)
   * into {@code channel} at {@code position} onwards by positional writes, chunks decoded in
   * parallel and each part written as soon as it is decoded. Memory is bounded by the chunks in
   * flight (a few tiles of about 8 MiB per worker), not by the slice, which may be larger than the
   * heap. The channel's own position is not used or changed; the file grows as needed.
   *
   * @throws UnsupportedOperationException for variable-length strings, which have no fixed-size
   *     bytes
   * @throws IllegalArgumentException if the slice has the wrong rank or reaches past the array
   * @throws ChunkDecodeException naming the array and chunk if a chunk cannot be decoded
   */
  public void readInto(Slice slice, FileChannel channel, long position) throws IOException {
    Objects.requireNonNull(channel, "channel");
    Slice s = normalize(slice);
    Optional<DirectCopy> direct = DirectCopy.of(layout, s, reader.fetcher(), executor);
    if (direct.isPresent()) {
      direct.get().run(s, channel, position, (from, n, at) -> readRows(s, from, n, channel, at));
      return;
    }
    readTiled(s, channel, position);
  }

  // Rows [from, from + n) of a whole-rows slice (see DirectCopy), the ordinary way.
  private void readRows(Slice s, long from, long n, FileChannel channel, long position)
      throws IOException {
    long[] offset = s.offset();
    long[] count = s.count();
    offset[0] = from;
    count[0] = n;
    readTiled(Slice.of(offset, count, s.stride()), channel, position);
  }

  private void readTiled(Slice s, FileChannel channel, long position) throws IOException {
    tiled(s).run(new FileSink(channel, position), false);
  }

  /** Positional writes into a file, which the kernel serialises on the file's lock. */
  private static final class FileSink implements TiledRead.Sink {
    private final FileChannel channel;
    private final long position;

    FileSink(FileChannel channel, long position) {
      this.channel = channel;
      this.position = position;
    }

    @Override
    public void write(long at, ByteBuffer bytes) throws IOException {
      writeFully(channel, bytes, position + at);
    }

    @Override
    public boolean oneAtATime() {
      return true;
    }
  }

  /**
   * Writes a hyperslab's values in order to a sequential channel (a pipe, a socket, a stream): tile
   * after tile, the chunks of each decoded in parallel; memory as for {@link #readInto(Slice,
   * FileChannel, long)}.
   */
  public void readInto(Slice slice, WritableByteChannel channel) throws IOException {
    Objects.requireNonNull(channel, "channel");
    tiled(slice).run((at, b) -> writeFully(channel, b, -1), true);
  }

  /**
   * Writes a hyperslab's values into {@code dst} (heap or direct) from its position on, which
   * advances by {@link #byteSize}; chunks are decoded in parallel and copied straight to their
   * place.
   *
   * @throws java.nio.BufferOverflowException if fewer than {@code byteSize(slice)} bytes remain
   */
  public void readInto(Slice slice, ByteBuffer dst) throws IOException {
    Slice s = normalize(slice);
    if (dst.remaining() < byteSize(s)) {
      throw new java.nio.BufferOverflowException();
    }
    int start = dst.position();
    tiled(s).run((at, b) -> dst.put(start + (int) at, b, b.position(), b.remaining()), false);
    dst.position(start + (int) byteSize(s));
  }

  private TiledRead tiled(Slice slice) {
    return tiled(slice, TiledRead.TILE_BYTES, TiledRead.MIN_RUN_BYTES, TiledRead.MAX_TILE_BYTES);
  }

  /** A tiled read with other tile limits than the defaults (for tests). */
  TiledRead tiled(Slice slice, long tileBytes, long minRunBytes, long orderedBytes) {
    if (layout.type().kind() == DataType.Kind.STRING) {
      throw new UnsupportedOperationException(
          "array '"
              + layout.name()
              + "' holds variable-length strings, which have no fixed-size bytes; use read()");
    }
    Slice s = normalize(slice);
    return new TiledRead(layout, reader, executor, s, tileBytes, minRunBytes, orderedBytes);
  }

  private Slice normalize(Slice slice) {
    Slice s = layout.scalar() && slice.rank() == 0 ? Slice.all(layout.shape()) : slice;
    check(s);
    return s;
  }

  private static void writeFully(WritableByteChannel ch, ByteBuffer b, long position)
      throws IOException {
    long at = position;
    while (b.hasRemaining()) {
      int n = at < 0 ? ch.write(b) : ((FileChannel) ch).write(b, at);
      at = at < 0 ? at : at + n;
    }
  }

  private void check(Slice s) {
    if (s.rank() != layout.rank()) {
      throw new IllegalArgumentException(
          "slice " + s + " has rank " + s.rank() + ", array '" + layout.name() + "' " + rank());
    }
    for (int d = 0; d < s.rank(); d++) {
      long count = s.count()[d];
      long last = s.offset()[d] + (count - 1) * s.stride()[d];
      if (count > 0 && last >= layout.shape()[d] || s.offset()[d] > layout.shape()[d]) {
        throw new IllegalArgumentException(
            "slice "
                + s
                + " reaches past axis "
                + d
                + " of array '"
                + layout.name()
                + "' (size "
                + layout.shape()[d]
                + ")");
      }
    }
  }

  @Override
  public String toString() {
    return "ZarrArray["
        + layout.name()
        + " "
        + java.util.Arrays.toString(shape())
        + " "
        + layout.type().kind()
        + layout.type().size()
        + "]";
  }
}
