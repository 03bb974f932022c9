package io.refzarr.combine;

import io.refzarr.zarr.ZarrArrayMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a 0-d or 1-d array's values through its references (missing chunks read as the fill value).
 */
final class ArrayValues {
  /**
   * The most values one coordinate may have: they are held in memory, boxed (a year of seconds is
   * 31.5 million, more than any concat axis of a real dataset; a hostile {@code .zarray} may claim
   * 2^62).
   */
  static final long MAX_VALUES = 1L << 25;

  private final InputContext input;
  private final String array;
  private final ZarrArrayMetadata md;

  ArrayValues(InputContext input, String array, ZarrArrayMetadata md) {
    this.input = input;
    this.array = array;
    this.md = md;
  }

  List<Object> read() throws IOException {
    if (md.shape().length > 1) {
      throw fail("is " + md.shape().length + "-dimensional; coordinates must be 0-d or 1-d");
    }
    if (md.dtype().isStructured()) {
      throw fail("has a structured dtype");
    }
    CoordinateCodec dtype;
    try {
      dtype = CoordinateCodec.of(md.dtype());
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
    long n = md.shape().length == 0 ? 1 : md.shape()[0];
    long c = md.shape().length == 0 ? 1 : md.chunks()[0];
    if (n > MAX_VALUES) {
      throw fail("has " + n + " values, more than the " + MAX_VALUES + " a coordinate may have");
    }
    List<Object> out = new ArrayList<>((int) Math.min(n, 1 << 20));
    for (long i = 0; i * c < n; i++) {
      int count = (int) Math.min(c, n - i * c);
      byte[] raw = input.chunk(array, Long.toString(i), md);
      out.addAll(raw == null ? fill(count) : decode(dtype, raw, count));
    }
    return out;
  }

  private List<Object> decode(CoordinateCodec dtype, byte[] raw, int count)
      throws CombineException {
    if (raw.length < (long) count * dtype.size()) {
      throw fail(
          "a chunk decodes to "
              + raw.length
              + " bytes, fewer than "
              + count
              + " elements of "
              + dtype.dtype());
    }
    return dtype.decode(raw, count);
  }

  private List<Object> fill(int count) throws CombineException {
    if (md.fillValue() == null) {
      throw fail("has a missing chunk and no fill value");
    }
    Object v =
        md.fillValue() instanceof String
            ? Double.valueOf((String) md.fillValue())
            : CoordValues.normalise(md.fillValue());
    return Collections.nCopies(count, v);
  }

  private CombineException fail(String message) {
    return new CombineException(
        CombineException.Reason.BAD_COORDINATE, List.of(input.name()), array + " " + message);
  }
}
