package io.refzarr.zarr;

import io.refzarr.internal.json.Json;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Zarr v2 array metadata ({@code .zarray}): the fields refzarr interprets, validated, over the
 * whole document, which {@link #toJson()} writes back with its field order and any other fields
 * unchanged.
 *
 * <p>Read one with {@link #parse(byte[])}; write one with {@link #builder()}, which lays fields out
 * in kerchunk's order ({@code shape, chunks, dtype, fill_value, order, filters,
 * dimension_separator, compressor, zarr_format}), or change one with {@link #toBuilder()}, which
 * keeps the document's order. The fill value stays the JSON value it is ({@code "NaN"}, {@code
 * "Infinity"}, base64 bytes, a big integer, {@code [re, im]}), so it round-trips exactly.
 */
public final class ZarrArrayMetadata implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] shape;
  private final long[] chunks;
  private final DType dtype;
  private final Map<String, Object> compressor;
  private final List<Map<String, Object>> filters;
  private final String order;
  private final char dimensionSeparator;
  private final Map<String, Object> document;

  private ZarrArrayMetadata(
      long[] shape,
      long[] chunks,
      DType dtype,
      Map<String, Object> compressor,
      List<Map<String, Object>> filters,
      String order,
      char dimensionSeparator,
      Map<String, Object> document) {
    this.shape = shape;
    this.chunks = chunks;
    this.dtype = dtype;
    this.compressor = compressor;
    this.filters = filters;
    this.order = order;
    this.dimensionSeparator = dimensionSeparator;
    this.document = document;
  }

  /** Parses a {@code .zarray} document. */
  public static ZarrArrayMetadata parse(byte[] json) throws IOException {
    Object tree = Json.parse(json);
    if (!(tree instanceof Map)) {
      throw new IOException(".zarray is not a JSON object");
    }
    return fromTree(castMap(tree));
  }

  /**
   * Metadata from a parsed {@code .zarray} object (copied). {@code chunks} defaults to the shape,
   * {@code order} to {@code "C"}, {@code dimension_separator} to {@code "."}.
   *
   * @throws IOException naming the field that is missing or wrong
   */
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
    Object sep = doc.getOrDefault("dimension_separator", ".");
    if (!".".equals(sep) && !"/".equals(sep)) {
      throw new IOException(".zarray dimension_separator must be \".\" or \"/\": " + sep);
    }
    Object order = doc.getOrDefault("order", "C");
    if (!"C".equals(order) && !"F".equals(order)) {
      throw new IOException(".zarray order must be \"C\" or \"F\": " + order);
    }
    Object format = doc.get("zarr_format");
    if (format != null && !(format instanceof Long || format instanceof Integer)
        || format != null && ((Number) format).longValue() != 2) {
      throw new IOException(".zarray zarr_format must be 2: " + format);
    }
    Map<String, Object> frozen = castMap(frozen(doc));
    return new ZarrArrayMetadata(
        shape,
        chunks,
        dtype(doc.get("dtype")),
        compressor(frozen.get("compressor")),
        filters(frozen.get("filters")),
        (String) order,
        ((String) sep).charAt(0),
        frozen);
  }

  /**
   * A builder for a new array, with kerchunk's field order and defaults (no codecs, C order, fill
   * null).
   */
  public static Builder builder() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("shape", null);
    doc.put("chunks", null);
    doc.put("dtype", null);
    doc.put("fill_value", null);
    doc.put("order", "C");
    doc.put("filters", null);
    doc.put("dimension_separator", ".");
    doc.put("compressor", null);
    doc.put("zarr_format", 2L);
    return new Builder(doc);
  }

  /** A builder starting from this document: changed fields keep their place, new ones go last. */
  public Builder toBuilder() {
    return new Builder(new LinkedHashMap<>(document));
  }

  /** The {@code .zarray} document as minified UTF-8 JSON. */
  public byte[] toJson() {
    return Json.writeBytes(document);
  }

  /** The array shape ({@code []} for a scalar). */
  public long[] shape() {
    return shape.clone();
  }

  /** The chunk shape. */
  public long[] chunks() {
    return chunks.clone();
  }

  /** The element type. */
  public DType dtype() {
    return dtype;
  }

  /**
   * The fill value as it appears in JSON (number, string such as {@code "NaN"} or base64, list, or
   * null).
   */
  public Object fillValue() {
    return document.get("fill_value");
  }

  /** The compressor config, or null. */
  public Map<String, Object> compressor() {
    return compressor;
  }

  /** The filter configs in encoding order (empty when none). */
  public List<Map<String, Object>> filters() {
    return filters;
  }

  /** {@code "C"} or {@code "F"}. */
  public String order() {
    return order;
  }

  /** {@code '.'} (the default) or {@code '/'}. */
  public char dimensionSeparator() {
    return dimensionSeparator;
  }

  /** The whole document, unmodifiable, in its field order. */
  public Map<String, Object> document() {
    return document;
  }

  /** The chunk grid of this array. */
  public ChunkGrid grid() {
    return ChunkGrid.of(shape, chunks, dimensionSeparator);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ZarrArrayMetadata m && document.equals(m.document);
  }

  @Override
  public int hashCode() {
    return document.hashCode();
  }

  /** The document as JSON. */
  @Override
  public String toString() {
    return new String(toJson(), StandardCharsets.UTF_8);
  }

  /**
   * Builds metadata field by field; {@link #build()} validates the whole as {@link #fromTree} does.
   */
  public static final class Builder {
    private final Map<String, Object> doc;

    private Builder(Map<String, Object> doc) {
      this.doc = doc;
    }

    /** The array shape ({@code []} for a scalar). */
    public Builder shape(long... shape) {
      return set("shape", longList(shape));
    }

    /** The chunk shape (same rank as the shape). */
    public Builder chunks(long... chunks) {
      return set("chunks", longList(chunks));
    }

    /** The element type, written as it is spelled. */
    public Builder dtype(DType dtype) {
      return set("dtype", dtype.toJson());
    }

    /** The fill value as a JSON tree value (see {@link ZarrArrayMetadata#fillValue()}). */
    public Builder fillValue(Object fill) {
      return set("fill_value", fill);
    }

    /** The filter configs in encoding order; none is written as {@code null}, as kerchunk does. */
    public Builder filters(List<Map<String, Object>> filters) {
      return set("filters", filters.isEmpty() ? null : new ArrayList<>(filters));
    }

    /** The compressor config, or null for none. */
    public Builder compressor(Map<String, Object> compressor) {
      return set("compressor", compressor);
    }

    /** Any field, as a JSON tree value (maps, lists, strings, numbers, booleans, null). */
    public Builder set(String field, Object value) {
      doc.put(Objects.requireNonNull(field, "field"), value);
      return this;
    }

    /**
     * The metadata.
     *
     * @throws IllegalArgumentException if a field is missing or invalid
     */
    public ZarrArrayMetadata build() {
      try {
        return fromTree(doc);
      } catch (IOException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  private static DType dtype(Object json) throws IOException {
    if (json == null) {
      throw new IOException(".zarray has no dtype");
    }
    try {
      return DType.parse(json);
    } catch (IllegalArgumentException e) {
      throw new IOException(".zarray " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> compressor(Object value) throws IOException {
    if (value != null && !(value instanceof Map)) {
      throw new IOException(".zarray compressor is not an object or null: " + value);
    }
    return castMap(value);
  }

  private static List<Map<String, Object>> filters(Object value) throws IOException {
    if (value == null) {
      return List.of();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object f : list) {
        if (!(f instanceof Map)) {
          throw new IOException(".zarray filters is not a list of objects: " + value);
        }
        out.add(castMap(f));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IOException(".zarray filters is not a list of objects or null: " + value);
  }

  /** A deep unmodifiable copy of a JSON tree (keeping nulls and map order). */
  private static Object frozen(Object tree) {
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, frozen(v)));
      return Collections.unmodifiableMap(out);
    }
    if (tree instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(o -> out.add(frozen(o)));
      return Collections.unmodifiableList(out);
    }
    return tree;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static List<Long> longList(long[] values) {
    List<Long> out = new ArrayList<>(values.length);
    for (long v : values) {
      out.add(v);
    }
    return out;
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
