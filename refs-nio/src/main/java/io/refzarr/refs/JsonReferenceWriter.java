package io.refzarr.refs;

import com.fasterxml.jackson.core.JsonGenerator;
import io.refzarr.internal.json.Json;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
    write(set, out, Map.of());
  }

  /**
   * Writes with {@code templates} ({@code name → URL prefix}): a target that starts with a
   * template's value (the longest one that matches) is written as {@code {{name}}} and the rest.
   * Targets holding a single brace are written as they are. A target holding {@code "{{"} cannot
   * be written beside templates: fsspec renders every URL holding {@code "{{"} once a set has
   * templates, so it would read another target.
   *
   * @throws IllegalArgumentException naming the key and target, for such a target
   */
  static void write(ReferenceSet set, OutputStream out, Map<String, String> templates)
      throws IOException {
    List<Map.Entry<String, String>> byLength = new ArrayList<>(templates.entrySet());
    byLength.sort(
        Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed());
    TargetText text = new TargetText(byLength);
    try (JsonGenerator g = Json.generator(out);
        Stream<Map.Entry<String, Reference>> entries = set.entries()) {
      g.writeStartObject();
      g.writeNumberField("version", 1);
      if (!templates.isEmpty()) {
        g.writeObjectFieldStart("templates");
        for (Map.Entry<String, String> t : templates.entrySet()) {
          g.writeStringField(t.getKey(), t.getValue());
        }
        g.writeEndObject();
      }
      g.writeObjectFieldStart("refs");
      Iterator<Map.Entry<String, Reference>> it = entries.iterator();
      while (it.hasNext()) {
        Map.Entry<String, Reference> e = it.next();
        g.writeFieldName(e.getKey());
        writeValue(g, e.getKey(), e.getValue(), text);
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void writeValue(JsonGenerator g, String key, Reference ref, TargetText text)
      throws IOException {
    if (ref instanceof Reference.Inline in) {
      g.writeString(inlineText(key, in.data()));
      return;
    }
    g.writeStartArray();
    String target = ((Reference.Targeted) ref).target();
    if (target.equals(Reference.DEFAULT_TARGET)) {
      g.writeNull();
    } else {
      g.writeString(text.of(key, target));
    }
    if (ref instanceof Reference.Range r) {
      g.writeNumber(r.offset());
      g.writeNumber(r.length());
    }
    g.writeEndArray();
  }

  /** A target as written, remembered for the next reference, which usually has the same target. */
  private static final class TargetText {
    private final List<Map.Entry<String, String>> templates;
    private String last;
    private String lastText;

    TargetText(List<Map.Entry<String, String>> templates) {
      this.templates = templates;
    }

    String of(String key, String target) {
      if (!target.equals(last)) {
        lastText = templated(key, target, templates);
        last = target;
      }
      return lastText;
    }
  }

  private static String templated(
      String key, String target, List<Map.Entry<String, String>> templates) {
    if (templates.isEmpty()) {
      return target;
    }
    if (target.contains("{{")) {
      throw new IllegalArgumentException(
          "the target of "
              + key
              + ", "
              + target
              + ", holds \"{{\", which fsspec renders as a template in a set with templates:"
              + " write this set without templates");
    }
    if (target.indexOf('{') >= 0 || target.indexOf('}') >= 0) {
      return target;
    }
    for (Map.Entry<String, String> t : templates) {
      if (target.startsWith(t.getValue())) {
        return "{{" + t.getKey() + "}}" + target.substring(t.getValue().length());
      }
    }
    return target;
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
