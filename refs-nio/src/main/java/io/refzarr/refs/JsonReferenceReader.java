package io.refzarr.refs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.refzarr.internal.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming reader of kerchunk JSON reference sets (versions 0 and 1). Values go straight into a
 * {@link ReferenceSetBuilder}; nothing but the builder's compact columns is retained.
 *
 * <p>Version detection follows fsspec: a top-level {@code version} member makes the document
 * version 1 (and it must be {@code 1}); without one, every top-level member is a reference (version
 * 0). kerchunk writes {@code version} after {@code refs}, so {@code refs} is read as version 1 as
 * it streams by; in the rare version-0 document that has a key named {@code refs}, {@code
 * templates} or {@code gen}, the document is read a second time in version-0 mode.
 */
final class JsonReferenceReader {

  /** Something that can open a fresh parser over the same document (twice, if needed). */
  interface Source {
    String name();

    JsonParser open() throws IOException;
  }

  private final Source source;
  private final ReadOptions options;

  JsonReferenceReader(Source source, ReadOptions options) {
    this.source = source;
    this.options = options;
  }

  ReferenceSet read() throws IOException {
    try {
      return readDocument();
    } catch (JsonProcessingException e) {
      // Jackson's constraint exceptions (nesting too deep, a number or string too long) have no
      // location
      String at = e.getLocation() == null ? "" : "byte " + e.getLocation().getByteOffset();
      throw new InvalidReferenceSetException(
          source.name(), at, "malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  private ReferenceSet readDocument() throws IOException {
    ReferenceSetBuilder refs = new ReferenceSetBuilder();
    ReferenceSetBuilder topLevel = new ReferenceSetBuilder();
    Map<String, String> templates = null;
    List<?> gen = null;
    boolean versioned = false;
    boolean ambiguous = false;
    try (JsonParser p = source.open()) {
      expectObject(p);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("version")) {
          checkVersion(p, t);
          versioned = true;
        } else if (isVersionOneMember(name, t)) {
          ambiguous = true;
          try {
            if (name.equals("refs")) {
              readRefs(p, refs, "/refs/");
            } else if (name.equals("templates")) {
              templates = readTemplates(p);
            } else {
              gen = (List<?>) Json.readValue(p);
            }
          } catch (InvalidReferenceSetException e) {
            if (versioned) {
              throw e;
            }
            // maybe a version-0 document whose key happens to be "refs": decide once the version is
            // known
            if (hasVersionMember()) {
              throw e;
            }
            return readVersionZero();
          }
        } else {
          readValue(p, t, name, topLevel, "/");
        }
      }
      expectEnd(p);
    }
    if (versioned) {
      return finish(refs, templates == null ? Map.of() : templates, gen);
    }
    if (ambiguous) {
      return readVersionZero();
    }
    return topLevel.build();
  }

  private static boolean isVersionOneMember(String name, JsonToken t) {
    return (name.equals("refs") || name.equals("templates")) && t == JsonToken.START_OBJECT
        || name.equals("gen") && t == JsonToken.START_ARRAY;
  }

  /** Whether the document has a top-level {@code version} member (a cheap second pass). */
  private boolean hasVersionMember() throws IOException {
    try (JsonParser p = source.open()) {
      expectObject(p);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        if (p.currentName().equals("version")) {
          return true;
        }
        p.nextToken();
        p.skipChildren();
      }
      return false;
    }
  }

  private ReferenceSet readVersionZero() throws IOException {
    ReferenceSetBuilder refs = new ReferenceSetBuilder();
    try (JsonParser p = source.open()) {
      expectObject(p);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        readValue(p, p.nextToken(), name, refs, "/");
      }
    }
    return refs.build();
  }

  private ReferenceSet finish(ReferenceSetBuilder refs, Map<String, String> own, List<?> gen)
      throws InvalidReferenceSetException {
    Map<String, String> templates = new LinkedHashMap<>(own);
    templates.putAll(options.templateOverrides());
    Map<String, Object> vars = new HashMap<>(templates);
    if (gen != null) {
      new GenExpander(source.name(), templates, options).expand(gen, refs);
    }
    if (templates.isEmpty()) {
      return refs.build(); // fsspec leaves {{...}} in URLs alone when a set has no templates
    }
    Map<String, String> rendered = new HashMap<>();
    for (String target : refs.targets()) {
      if (TemplateString.hasPlaceholder(target)) {
        try {
          rendered.put(target, TemplateString.parse(target).render(vars));
        } catch (IllegalArgumentException e) {
          throw new InvalidReferenceSetException(
              source.name(),
              "/templates",
              "cannot render target \"" + target + "\": " + e.getMessage());
        }
      }
    }
    try {
      return refs.build(t -> rendered.getOrDefault(t, t));
    } catch (IllegalArgumentException e) {
      throw new InvalidReferenceSetException(source.name(), "/templates", e.getMessage());
    }
  }

  private void readRefs(JsonParser p, ReferenceSetBuilder out, String pointer) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      readValue(p, p.nextToken(), key, out, pointer);
    }
  }

  private void readValue(
      JsonParser p, JsonToken t, String key, ReferenceSetBuilder out, String pointer)
      throws IOException {
    try {
      switch (t) {
        case VALUE_STRING:
          out.putInline(key, decodeString(p.getText(), key, pointer));
          return;
        case START_OBJECT:
          out.putInline(key, copyObject(p));
          return;
        case START_ARRAY:
          readTargetRef(p, key, out, pointer);
          return;
        default:
          throw bad(
              pointer,
              key,
              "a reference must be a string, an object or [url(, offset, length)], not "
                  + describe(t));
      }
    } catch (IllegalArgumentException e) {
      throw bad(pointer, key, e.getMessage());
    }
  }

  private void readTargetRef(JsonParser p, String key, ReferenceSetBuilder out, String pointer)
      throws IOException {
    JsonToken t = p.nextToken();
    String url;
    if (t == JsonToken.VALUE_STRING) {
      url = p.getText();
      if (url.isEmpty()) {
        throw bad(pointer, key, "empty url");
      }
    } else if (t == JsonToken.VALUE_NULL) {
      url = Reference.DEFAULT_TARGET;
    } else {
      throw bad(
          pointer, key, "the url of a reference must be a string or null, not " + describe(t));
    }
    t = p.nextToken();
    if (t == JsonToken.END_ARRAY) {
      out.putTargetRef(key, url, 0, -1);
      return;
    }
    long offset = integer(p, t, key, pointer, "offset");
    long length = integer(p, p.nextToken(), key, pointer, "length");
    if (p.nextToken() != JsonToken.END_ARRAY) {
      throw bad(
          pointer, key, "a reference is [url] or [url, offset, length]; this one has more members");
    }
    out.putTargetRef(key, url, offset, length);
  }

  private long integer(JsonParser p, JsonToken t, String key, String pointer, String what)
      throws IOException {
    if (t == JsonToken.END_ARRAY) {
      throw bad(
          pointer, key, "a reference is [url] or [url, offset, length]; this one has two members");
    }
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw bad(pointer, key, "the " + what + " must be an integer, not " + describe(t));
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw bad(pointer, key, "the " + what + " " + p.getText() + " does not fit 64 bits");
    }
    long v = p.getLongValue();
    if (v < 0) {
      throw bad(pointer, key, "negative " + what + " " + v);
    }
    return v;
  }

  private byte[] decodeString(String text, String key, String pointer)
      throws InvalidReferenceSetException {
    if (text.startsWith("base64:")) {
      try {
        return Base64.getDecoder().decode(text.substring(7));
      } catch (IllegalArgumentException e) {
        throw bad(pointer, key, "invalid base64 data: " + e.getMessage());
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] copyObject(JsonParser p) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    try (JsonGenerator g = Json.generator(buf)) {
      g.copyCurrentStructure(p);
    }
    return buf.toByteArray();
  }

  private Map<String, String> readTemplates(JsonParser p) throws IOException {
    Map<String, String> templates = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (t != JsonToken.VALUE_STRING) {
        throw new InvalidReferenceSetException(
            source.name(),
            "/templates/" + escape(name),
            "a template value must be a string, not " + describe(t));
      }
      templates.put(name, p.getText());
    }
    return templates;
  }

  private void checkVersion(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() != JsonParser.NumberType.INT
        || p.getIntValue() != 1) {
      throw new InvalidReferenceSetException(
          source.name(),
          "/version",
          "unknown reference spec version "
              + (t.isScalarValue() ? p.getText() : describe(t))
              + " (only version 1, or no version member for version 0, is defined)");
    }
  }

  private void expectObject(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT) {
      throw new InvalidReferenceSetException(
          source.name(),
          "",
          "a reference set is a JSON object, not "
              + (t == null ? "an empty document" : describe(t)));
    }
  }

  private void expectEnd(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t != null) {
      throw new InvalidReferenceSetException(
          source.name(),
          "byte " + p.currentLocation().getByteOffset(),
          "trailing content after the reference set: " + describe(t));
    }
  }

  private InvalidReferenceSetException bad(String pointer, String key, String reason) {
    return new InvalidReferenceSetException(
        source.name(), "key " + StoreKeys.quote(key) + " (" + pointer + escape(key) + ")", reason);
  }

  /** JSON-pointer escaping of one key (RFC 6901), so the location reads unambiguously. */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String describe(JsonToken t) {
    switch (t) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return t.toString();
    }
  }
}
