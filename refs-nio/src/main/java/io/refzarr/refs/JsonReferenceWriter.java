package io.refzarr.refs;

import com.fasterxml.jackson.core.JsonGenerator;
import io.refzarr.internal.json.Json;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Writes a reference set as kerchunk JSON version 1: {@code {"version":1,"refs":{...}}}. Metadata
 * documents ({@code .z*}, {@code zarr.json}) are minified JSON strings; other inline data is
 * written as a string when every byte is ASCII (fsspec encodes strings back as UTF-8, which leaves
 * ASCII unchanged), else as {@code base64:}. A null target is written for the default target.
 */
final class JsonReferenceWriter {
  private JsonReferenceWriter() {}

  static void write(ReferenceSet set, OutputStream out) throws IOException {
    try (JsonGenerator g = Json.generator(out);
        Stream<String> keys = set.keys()) {
      g.writeStartObject();
      g.writeNumberField("version", 1);
      g.writeObjectFieldStart("refs");
      Iterator<String> it = keys.iterator();
      while (it.hasNext()) {
        String key = it.next();
        Reference ref =
            set.get(key).orElseThrow(() -> new IOException("key vanished while writing: " + key));
        g.writeFieldName(key);
        writeValue(g, key, ref);
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void writeValue(JsonGenerator g, String key, Reference ref) throws IOException {
    if (ref instanceof Reference.Inline in) {
      g.writeString(inlineText(key, in.data()));
      return;
    }
    g.writeStartArray();
    String target = ((Reference.Targeted) ref).target();
    if (target.equals(Reference.DEFAULT_TARGET)) {
      g.writeNull();
    } else {
      g.writeString(target);
    }
    if (ref instanceof Reference.Range r) {
      g.writeNumber(r.offset());
      g.writeNumber(r.length());
    }
    g.writeEndArray();
  }

  /** The JSON string for inline bytes: minified metadata, ASCII text, or {@code base64:}. */
  static String inlineText(String key, byte[] data) {
    if (ZarrKeys.isMetadataName(ZarrKeys.name(key))) {
      try {
        return Json.write(Json.parse(data));
      } catch (IOException | RuntimeException e) {
        // not JSON after all: fall through and keep the bytes exactly
      }
    }
    if (isAscii(data)) {
      String text = new String(data, java.nio.charset.StandardCharsets.US_ASCII);
      if (!text.startsWith("base64:")) {
        return text;
      }
    }
    return "base64:" + Base64.getEncoder().encodeToString(data);
  }

  private static boolean isAscii(byte[] data) {
    for (byte b : data) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }
}
