package io.refzarr.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.refzarr.zarr.ZarrKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a Zarr v2 {@code .zmetadata} (consolidated metadata) from the {@code .zgroup}, {@code
 * .zattrs} and {@code .zarray} keys of a tree, so HTTP clients can open a set that has none without
 * listing it. The walk does not enter arrays (their directories hold chunk keys, possibly
 * millions); documents are copied with their number text as written ({@code NaN} and long decimals
 * stay as they are), in ASCII.
 */
final class ConsolidatedMetadata {
  /**
   * Reads {@code NaN} (Python's json writes it in attributes) and writes ASCII only, as Python's
   * json.dumps does: zarr-python 2 decodes {@code .zmetadata} as ASCII.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .build();

  private static final List<String> GROUP_KEYS = List.of(ZarrKeys.ZGROUP, ZarrKeys.ZATTRS);
  private static final List<String> ARRAY_KEYS = List.of(ZarrKeys.ZARRAY, ZarrKeys.ZATTRS);

  private ConsolidatedMetadata() {}

  /** The {@code .zmetadata} document of the tree under {@code root}. */
  static byte[] build(Path root) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName("metadata");
      g.writeStartObject();
      walk(root, "", g);
      g.writeEndObject();
      g.writeNumberField("zarr_consolidated_format", 1);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void walk(Path dir, String prefix, JsonGenerator g) throws IOException {
    boolean array = Files.isRegularFile(dir.resolve(ZarrKeys.ZARRAY));
    for (String name : array ? ARRAY_KEYS : GROUP_KEYS) {
      Path key = dir.resolve(name);
      if (Files.isRegularFile(key)) {
        g.writeFieldName(ZarrKeys.join(prefix, name));
        copyDocument(key, g);
      }
    }
    if (array) {
      return;
    }
    for (Path child : subdirectories(dir)) {
      String name = child.getFileName().toString();
      walk(child, ZarrKeys.join(prefix, name), g);
    }
  }

  private static List<Path> subdirectories(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
      children.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  private static void copyDocument(Path key, JsonGenerator g) throws IOException {
    try (JsonParser p = JSON.createParser(Files.readAllBytes(key))) {
      if (p.nextToken() == null) {
        throw new IOException(key + ": empty metadata document");
      }
      copy(p, g);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(key + ": metadata is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void copy(JsonParser p, JsonGenerator g) throws IOException {
    int depth = 0;
    do {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        g.writeNumber(p.getText()); // as written: no float round trip, NaN stays NaN
      } else {
        g.copyCurrentEvent(p);
      }
      depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
    } while (depth > 0 && p.nextToken() != null);
  }
}
