package io.refzarr.combine;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.zarr.ChunkGrid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small synthetic input sets built with {@link ReferenceSets#builder()}: inline coordinates, and
 * data variables whose chunk {@code n} (flat C order) is {@code [target, 1000 n, 600]} (above the
 * default inline threshold), so every output reference says which input and which chunk it came
 * from.
 */
final class Synthetic {
  private final ReferenceSetBuilder b = ReferenceSets.builder();
  private final String target;

  Synthetic(String target) {
    this.target = target;
    b.put(".zgroup", inline(Map.of("zarr_format", 2L)));
  }

  /** Any key, as given. */
  Synthetic put(String key, Reference ref) {
    b.put(key, ref);
    return this;
  }

  Synthetic attrs(Map<String, Object> attrs) {
    b.put(".zattrs", inline(attrs));
    return this;
  }

  /** A 1-d {@code <f8} coordinate named after its dimension, values inline. */
  Synthetic coord(String name, Map<String, Object> attrs, double... values) {
    ByteBuffer buf = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      buf.putDouble(v);
    }
    b.put(
        name + "/.zarray",
        inline(
            zarray(
                new long[] {values.length}, new long[] {values.length}, Map.of("dtype", "<f8"))));
    Map<String, Object> a = new LinkedHashMap<>(attrs);
    a.put("_ARRAY_DIMENSIONS", List.of(name));
    b.put(name + "/.zattrs", inline(a));
    b.put(name + "/0", new Reference.Inline(buf.array()));
    return this;
  }

  Synthetic coord(String name, double... values) {
    return coord(name, Map.of(), values);
  }

  /** A {@code <f4} variable with every chunk referenced. */
  Synthetic variable(String name, List<String> dims, long[] shape, long[] chunks) {
    return variable(name, dims, shape, chunks, Map.of(), Map.of());
  }

  Synthetic variable(
      String name,
      List<String> dims,
      long[] shape,
      long[] chunks,
      Map<String, Object> zarray,
      Map<String, Object> attrs) {
    b.put(name + "/.zarray", inline(zarray(shape, chunks, zarray)));
    Map<String, Object> a = new LinkedHashMap<>(attrs);
    a.put("_ARRAY_DIMENSIONS", dims);
    b.put(name + "/.zattrs", inline(a));
    ChunkGrid grid = ChunkGrid.of(shape, chunks, '.');
    for (long n = 0; n < grid.chunkCount(); n++) {
      b.put(name + "/" + grid.key(n), Reference.range(target, 1000 * n, 600));
    }
    return this;
  }

  ReferenceSet build() {
    return b.build();
  }

  CombineInput input() {
    return CombineInput.of(target, build());
  }

  static Reference ref(String target, long chunk) {
    return Reference.range(target, 1000 * chunk, 600);
  }

  static Map<String, Object> zarray(long[] shape, long[] chunks, Map<String, Object> overrides) {
    Map<String, Object> z = new LinkedHashMap<>();
    z.put("chunks", longs(chunks));
    z.put("compressor", null);
    z.put("dtype", "<f4");
    z.put("fill_value", null);
    z.put("filters", null);
    z.put("order", "C");
    z.put("shape", longs(shape));
    z.put("zarr_format", 2L);
    z.putAll(overrides);
    return z;
  }

  private static List<Long> longs(long[] v) {
    return java.util.Arrays.stream(v).boxed().toList();
  }

  static Reference inline(Object json) {
    return new Reference.Inline(Json.writeBytes(json));
  }

  /** The parsed JSON of an inline metadata key. */
  static Object json(ReferenceSet set, String key) throws IOException {
    return Json.parse(((Reference.Inline) set.get(key).orElseThrow()).data());
  }

  /** The parsed JSON object of an inline metadata key. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> meta(ReferenceSet set, String key) throws IOException {
    return (Map<String, Object>) json(set, key);
  }

  /** The little-endian doubles of an inline key. */
  static double[] doubles(ReferenceSet set, String key) throws IOException {
    ByteBuffer buf =
        ByteBuffer.wrap(((Reference.Inline) set.get(key).orElseThrow()).data())
            .order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[buf.remaining() / 8];
    buf.asDoubleBuffer().get(out);
    return out;
  }

  static long[] longsOf(ReferenceSet set, String key) throws IOException {
    ByteBuffer buf =
        ByteBuffer.wrap(((Reference.Inline) set.get(key).orElseThrow()).data())
            .order(ByteOrder.LITTLE_ENDIAN);
    long[] out = new long[buf.remaining() / 8];
    buf.asLongBuffer().get(out);
    return out;
  }

  /** A daily-style input: time values, variable tas (time, x) with chunks (timeChunk, 3). */
  static CombineInput series(String target, long timeChunk, double... times) {
    return new Synthetic(target)
        .coord("time", Map.of("units", "days since 2000-01-01"), times)
        .variable(
            "tas", List.of("time", "x"), new long[] {times.length, 3}, new long[] {timeChunk, 3})
        .input();
  }
}
