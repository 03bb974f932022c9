package io.refzarr.bridge;

import io.refzarr.bridge.codec.CodecException;
import io.refzarr.bridge.codec.CodecPipeline;
import io.refzarr.internal.json.Json;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads array and group metadata: Zarr v2 ({@code .zarray}, {@code .zattrs}) and v3 ({@code
 * zarr.json}).
 */
final class MetadataReader {
  private MetadataReader() {}

  static ArrayLayout readArray(Path dir, String name) throws IOException {
    Optional<Map<String, Object>> zarray = readObject(dir.resolve(ZarrKeys.ZARRAY));
    if (zarray.isPresent()) {
      Map<String, Object> attrs = readObject(dir.resolve(ZarrKeys.ZATTRS)).orElse(Map.of());
      return fromV2(name, zarray.get(), attrs);
    }
    Optional<Map<String, Object>> v3 = readObject(dir.resolve(ZarrKeys.ZARR_JSON));
    if (v3.isPresent() && "array".equals(v3.get().get("node_type"))) {
      return V3Metadata.fromV3(name, v3.get());
    }
    throw new NoSuchFileException(
        dir.toString(), null, "not a Zarr array (no .zarray or zarr.json)");
  }

  static ArrayLayout fromV2(String name, Map<String, Object> doc, Map<String, Object> attrs)
      throws IOException {
    ZarrArrayMetadata m;
    try {
      m = ZarrArrayMetadata.fromTree(doc);
    } catch (IOException | RuntimeException e) {
      throw new ZarrFormatException("array '" + name + "': " + e.getMessage(), e);
    }
    DataType type = DataType.of(m.dtype());
    CodecPipeline codecs = pipeline(name, m.compressor(), m.filters());
    if (codecs.decodesStrings() != (type.kind() == DataType.Kind.STRING)) {
      throw new ZarrFormatException(
          "array '"
              + name
              + "': dtype "
              + m.dtype()
              + " and codecs "
              + codecs.names()
              + " do not agree (object arrays need vlen-utf8)");
    }
    boolean scalar = m.shape().length == 0;
    int rank = Math.max(1, m.shape().length);
    return new ArrayLayout(
        name,
        scalar ? new long[] {1} : m.shape(),
        scalar ? new long[] {1} : m.chunks(),
        type,
        "F".equals(m.order()) ? reversedAxes(rank) : identityAxes(rank),
        codecs,
        FillValues.element(name, type, m.fillValue()),
        FillValues.string(m.fillValue()),
        ArrayLayout.dotted(m.dimensionSeparator(), scalar),
        attrs,
        dimensionNames(attrs),
        scalar);
  }

  private static CodecPipeline pipeline(
      String name, Map<String, Object> compressor, List<Map<String, Object>> filters)
      throws ZarrFormatException {
    try {
      return CodecPipeline.zarrV2(compressor, filters);
    } catch (CodecException | ClassCastException e) {
      throw new ZarrFormatException("array '" + name + "': " + e.getMessage(), e);
    }
  }

  static List<String> dimensionNames(Map<String, Object> attrs) {
    Object dims = attrs.get("_ARRAY_DIMENSIONS");
    if (!(dims instanceof List<?> list)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    list.forEach(o -> out.add(String.valueOf(o)));
    return List.copyOf(out);
  }

  static int[] identityAxes(int rank) {
    int[] a = new int[rank];
    for (int i = 0; i < rank; i++) {
      a[i] = i;
    }
    return a;
  }

  static int[] reversedAxes(int rank) {
    int[] a = new int[rank];
    for (int i = 0; i < rank; i++) {
      a[i] = rank - 1 - i;
    }
    return a;
  }

  /** A JSON object file, or empty if it does not exist. */
  @SuppressWarnings("unchecked")
  static Optional<Map<String, Object>> readObject(Path p) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Object tree;
    try {
      tree = Json.parse(bytes);
    } catch (
        IOException e) { // Jackson's exceptions (and an empty document) are malformed metadata here
      throw new ZarrFormatException(p + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(tree instanceof Map)) {
      throw new ZarrFormatException(p + " is not a JSON object");
    }
    return Optional.of(new LinkedHashMap<>((Map<String, Object>) tree));
  }

  static ByteOrder order(Object endian) {
    return "big".equals(endian) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
  }
}
