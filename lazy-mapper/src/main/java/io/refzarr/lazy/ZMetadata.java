package io.refzarr.lazy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.refzarr.internal.json.Json;
import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.StoreKeys;
import io.refzarr.zarr.ChunkGrid;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code .zmetadata} of a Parquet reference directory: {@code record_size}, every metadata
 * key's document (kept as minified bytes with number text as written), and the chunk grid of every
 * array. Other members (such as {@code zarr_consolidated_format}) are ignored, as fsspec does.
 */
final class ZMetadata {
  static final String FILE = ZarrKeys.ZMETADATA;

  private final int recordSize;
  private final Map<String, byte[]> metadata;
  private final Map<String, ChunkGrid> arrays;

  private ZMetadata(int recordSize, Map<String, byte[]> metadata, Map<String, ChunkGrid> arrays) {
    this.recordSize = recordSize;
    this.metadata = Collections.unmodifiableMap(metadata);
    this.arrays = Collections.unmodifiableMap(arrays);
  }

  int recordSize() {
    return recordSize;
  }

  /** Metadata key to its document bytes. */
  Map<String, byte[]> metadata() {
    return metadata;
  }

  /** Array path ({@code ""} for a root array) to its chunk grid. */
  Map<String, ChunkGrid> arrays() {
    return arrays;
  }

  /** Reads and validates the {@code .zmetadata} of a reference directory. */
  static ZMetadata read(RecordSource root) throws IOException {
    String file = root.describe(FILE);
    byte[] bytes;
    try {
      bytes = root.readAll(FILE);
    } catch (NoSuchFileException e) {
      throw new InvalidReferenceSetException(
          file,
          "",
          "missing: a Parquet reference directory needs a .zmetadata file (is "
              + root.describe("")
              + " one?)",
          e);
    }
    try {
      return parse(bytes, file);
    } catch (InvalidReferenceSetException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidReferenceSetException(file, "", "not valid JSON: " + e.getMessage(), e);
    }
  }

  private static ZMetadata parse(byte[] bytes, String source) throws IOException {
    Map<String, byte[]> metadata = null;
    long recordSize = -1;
    try (JsonParser p = Json.parser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidReferenceSetException(source, "", "not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("metadata")) {
          metadata = readMetadata(p, source);
        } else if (name.equals("record_size")) {
          recordSize = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
          if (recordSize <= 0 || recordSize > Integer.MAX_VALUE) {
            throw new InvalidReferenceSetException(
                source,
                "record_size",
                "must be a positive integer below 2^31, found " + p.getText());
          }
        } else {
          p.skipChildren();
        }
      }
    }
    if (metadata == null) {
      throw new InvalidReferenceSetException(source, "metadata", "missing member \"metadata\"");
    }
    if (recordSize < 0) {
      throw new InvalidReferenceSetException(
          source, "record_size", "missing member \"record_size\"");
    }
    return new ZMetadata((int) recordSize, metadata, grids(metadata, source));
  }

  private static Map<String, byte[]> readMetadata(JsonParser p, String source) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new InvalidReferenceSetException(source, "metadata", "not a JSON object");
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      StoreKeys.check(source, key);
      p.nextToken();
      out.put(key, JsonCopy.copyValue(p));
    }
    return out;
  }

  private static Map<String, ChunkGrid> grids(Map<String, byte[]> metadata, String source)
      throws InvalidReferenceSetException {
    Map<String, ChunkGrid> arrays = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : metadata.entrySet()) {
      if (ZarrKeys.name(e.getKey()).equals(ZarrKeys.ZARRAY)) {
        arrays.put(ZarrKeys.parent(e.getKey()), grid(e.getKey(), e.getValue(), source));
      }
    }
    return arrays;
  }

  /** The chunk grid of a {@code .zarray} document, as the Parquet layout numbers chunks. */
  static ChunkGrid grid(String key, byte[] zarray, String source)
      throws InvalidReferenceSetException {
    try {
      ZarrArrayMetadata md = ZarrArrayMetadata.parse(zarray);
      if (md.dimensionSeparator() != '.') {
        throw new InvalidReferenceSetException(
            source,
            key,
            "dimension_separator \"/\" is not supported by the Parquet reference layout");
      }
      return md.grid();
    } catch (InvalidReferenceSetException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidReferenceSetException(source, key, "invalid .zarray: " + e.getMessage(), e);
    }
  }

  /** The {@code .zmetadata} document for the given metadata (already minified JSON objects). */
  static byte[] write(Map<String, byte[]> metadata, int recordSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("metadata");
      for (Map.Entry<String, byte[]> e : metadata.entrySet()) {
        g.writeFieldName(e.getKey());
        g.writeRawValue(new String(e.getValue(), StandardCharsets.UTF_8));
      }
      g.writeEndObject();
      g.writeNumberField("record_size", recordSize);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Where the records of an array live: {@code root/<field>/refs.<n>.parq}. */
  static Path recordFile(Path root, String field, long record) {
    return root.resolve(recordName(field, record));
  }

  /** The path of a record file relative to the directory: {@code <field>/refs.<n>.parq}. */
  static String recordName(String field, long record) {
    return ZarrKeys.join(field, "refs." + record + ".parq");
  }
}
