package io.refzarr.zarr;

import io.refzarr.internal.json.Json;
import java.io.IOException;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Zarr v2 array metadata ({@code .zarray}): what refzarr needs to lay out chunks, plus the full document.
 *
 * @param shape array shape
 * @param chunks chunk shape
 * @param dtype the dtype: a numpy type string such as {@code "<f4"}, or a list for structured types
 * @param fillValue the fill value as it appears in JSON (number, string such as {@code "NaN"}, or null)
 * @param compressor the compressor config, or null
 * @param filters the filter configs in encoding order (empty when none)
 * @param order {@code "C"} or {@code "F"}
 * @param dimensionSeparator {@code '.'} (default) or {@code '/'}
 * @param document the whole parsed {@code .zarray} document
 */
public record ZarrArrayMetadata(
    long[] shape,
    long[] chunks,
    Object dtype,
    Object fillValue,
    Map<String, Object> compressor,
    List<Map<String, Object>> filters,
    String order,
    char dimensionSeparator,
    Map<String, Object> document) implements Serializable {

  public ZarrArrayMetadata {
    Objects.requireNonNull(dtype, "dtype");
    filters = List.copyOf(filters);
    document = Collections.unmodifiableMap(document);
  }

  /** The chunk grid of this array. */
  public ChunkGrid grid() {
    return ChunkGrid.of(shape, chunks, dimensionSeparator);
  }

  /** Parses a {@code .zarray} document. */
  public static ZarrArrayMetadata parse(byte[] json) throws IOException {
    Object tree = Json.parse(json);
    if (!(tree instanceof Map)) {
      throw new IOException(".zarray is not a JSON object");
    }
    return fromTree(castMap(tree));
  }

  /** Builds metadata from a parsed {@code .zarray} object. */
  @SuppressWarnings("unchecked")
  public static ZarrArrayMetadata fromTree(Map<String, Object> doc) throws IOException {
    long[] shape = longs(doc.get("shape"), "shape");
    long[] chunks = doc.containsKey("chunks") ? longs(doc.get("chunks"), "chunks") : shape.clone();
    if (shape.length != chunks.length) {
      throw new IOException(".zarray shape and chunks differ in rank");
    }
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] < 0 || chunks[d] <= 0) {
        throw new IOException(".zarray has a negative size or a non-positive chunk size");
      }
    }
    Object dtype = doc.get("dtype");
    if (dtype == null) {
      throw new IOException(".zarray has no dtype");
    }
    Object sep = doc.getOrDefault("dimension_separator", ".");
    if (!".".equals(sep) && !"/".equals(sep)) {
      throw new IOException(".zarray dimension_separator must be \".\" or \"/\": " + sep);
    }
    Object filters = doc.get("filters");
    Object compressor = doc.get("compressor");
    return new ZarrArrayMetadata(
        shape,
        chunks,
        dtype,
        doc.get("fill_value"),
        compressor instanceof Map ? (Map<String, Object>) compressor : null,
        filters instanceof List ? (List<Map<String, Object>>) filters : List.of(),
        String.valueOf(doc.getOrDefault("order", "C")),
        ((String) sep).charAt(0),
        doc);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static long[] longs(Object value, String field) throws IOException {
    if (!(value instanceof List)) {
      throw new IOException(".zarray " + field + " is not a list of integers");
    }
    List<?> list = (List<?>) value;
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(list.get(i) instanceof Long)) {
        throw new IOException(".zarray " + field + " is not a list of integers: " + list);
      }
      out[i] = (Long) list.get(i);
    }
    return out;
  }
}
