package io.refzarr.bridge.view;

import io.refzarr.bridge.DataType;
import io.refzarr.bridge.ZarrFormatException;
import io.refzarr.bridge.codec.CodecException;
import io.refzarr.bridge.codec.CodecPipeline;
import io.refzarr.zarr.ChunkGrid;
import io.refzarr.zarr.ZarrArrayMetadata;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One array of a decoded view: its stored metadata, how to decode its chunks, and the metadata the
 * view presents (no compressor, no filters but {@code vlen-utf8} for object arrays).
 *
 * @param dir the array's key prefix ({@code ""} for a root array)
 * @param stored the {@code .zarray} of the reference set
 * @param presented the {@code .zarray} the view presents
 * @param type the element type
 * @param codecs decodes a stored chunk
 * @param chunkBytes the decoded size of every chunk, or -1 for object arrays (known only once
 *     decoded)
 */
record DecodedArray(
    String dir,
    ZarrArrayMetadata stored,
    ZarrArrayMetadata presented,
    DataType type,
    CodecPipeline codecs,
    long chunkBytes) {

  /** Object arrays keep this filter: it is how their elements are laid out, not a compression. */
  static final Map<String, Object> VLEN_UTF8 = Map.of("id", "vlen-utf8");

  static DecodedArray of(String dir, ZarrArrayMetadata stored) throws ZarrFormatException {
    DataType type = DataType.of(stored.dtype());
    CodecPipeline codecs;
    try {
      codecs = CodecPipeline.zarrV2(stored.compressor(), stored.filters());
    } catch (CodecException | ClassCastException e) {
      throw new ZarrFormatException("array '" + dir + "': " + e.getMessage(), e);
    }
    return new DecodedArray(
        dir,
        stored,
        presented(stored, codecs.decodesStrings()),
        type,
        codecs,
        codecs.decodesStrings() ? -1 : chunkBytes(dir, stored, type));
  }

  /** The stored metadata without codecs: everything else (order, fill value, extra fields) kept. */
  static ZarrArrayMetadata presented(ZarrArrayMetadata stored, boolean strings) {
    return stored.toBuilder()
        .compressor(null)
        .filters(strings ? List.of(VLEN_UTF8) : List.of())
        .build();
  }

  private static long chunkBytes(String dir, ZarrArrayMetadata m, DataType type)
      throws ZarrFormatException {
    try {
      long n = type.size();
      for (long c : m.chunks()) {
        n = Math.multiplyExact(n, c);
      }
      if (n <= Integer.MAX_VALUE - 16) {
        return n;
      }
    } catch (ArithmeticException e) {
      // reported below
    }
    throw new ZarrFormatException(
        "array '"
            + dir
            + "': chunks of "
            + Arrays.toString(m.chunks())
            + " elements are too large to decode into one array");
  }

  /** The number of elements of a chunk. */
  int chunkElements() {
    long n = 1;
    for (long c : stored.chunks()) {
      n *= c;
    }
    return (int) n;
  }

  /** The chunk grid (chunk keys are the same in every view). */
  ChunkGrid grid() {
    return stored.grid();
  }

  /**
   * True for object arrays: chunks decode to strings and are presented {@code vlen-utf8} encoded.
   */
  boolean strings() {
    return chunkBytes < 0;
  }
}
