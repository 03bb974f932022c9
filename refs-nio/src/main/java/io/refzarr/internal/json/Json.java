package io.refzarr.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON tree codec over jackson-core: objects become insertion-ordered {@code Map<String,
 * Object>}, arrays {@code List<Object>}, numbers {@code Long}, {@code BigInteger} or {@code
 * Double}, plus {@code String}, {@code Boolean} and {@code null}. Used for metadata documents,
 * which are small.
 */
public final class Json {

  /** The shared factory: no field-name canonicalisation, generous string limits for inline data. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE - 16)
                  .maxNameLength(1_000_000)
                  .build())
          .build();

  private Json() {}

  /**
   * A streaming parser over bytes, with refzarr's settings (reference sets have millions of
   * distinct keys).
   */
  public static JsonParser parser(byte[] json) throws IOException {
    return FACTORY.createParser(json);
  }

  /** A streaming parser over a stream (closed with the parser). */
  public static JsonParser parser(java.io.InputStream json) throws IOException {
    return FACTORY.createParser(json);
  }

  /**
   * A UTF-8 generator writing to a stream (closed with the generator unless the caller disables
   * it).
   */
  public static JsonGenerator generator(java.io.OutputStream out) throws IOException {
    return FACTORY.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8);
  }

  /** Parses a complete JSON document. */
  public static Object parse(byte[] json) throws IOException {
    try (JsonParser p = FACTORY.createParser(json)) {
      return parseDocument(p);
    }
  }

  /** Parses a complete JSON document. */
  public static Object parse(String json) throws IOException {
    try (JsonParser p = FACTORY.createParser(json)) {
      return parseDocument(p);
    }
  }

  private static Object parseDocument(JsonParser p) throws IOException {
    if (p.nextToken() == null) {
      throw new IOException("empty JSON document");
    }
    Object value = readValue(p);
    if (p.nextToken() != null) {
      throw new IOException("trailing content after JSON value at " + p.currentLocation());
    }
    return value;
  }

  /** Reads the value at the parser's current token (which must already be positioned). */
  public static Object readValue(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          map.put(name, readValue(p));
        }
        return map;
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(p));
        }
        return list;
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? p.getBigIntegerValue()
            : Long.valueOf(p.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected JSON token " + t + " at " + p.currentLocation());
    }
  }

  /** Writes a tree value minified. */
  public static String write(Object value) {
    return new String(writeBytes(value), StandardCharsets.UTF_8);
  }

  /** Writes a tree value minified, as UTF-8. */
  public static byte[] writeBytes(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writeValue(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory output cannot fail
    }
    return out.toByteArray();
  }

  /** Writes one tree value with the given generator. */
  public static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List) {
      g.writeStartArray();
      for (Object o : (List<?>) value) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else if (value instanceof String) {
      g.writeString((String) value);
    } else if (value instanceof Boolean) {
      g.writeBoolean((Boolean) value);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigInteger) {
      g.writeNumber((BigInteger) value);
    } else if (value instanceof BigDecimal) {
      g.writeNumber((BigDecimal) value);
    } else if (value instanceof Number) {
      writeDouble(g, ((Number) value).doubleValue());
    } else {
      throw new IllegalArgumentException("not a JSON tree value: " + value.getClass().getName());
    }
  }

  /**
   * Doubles as Python's json writes them: NaN and infinities as bare tokens, integral values with
   * ".0".
   */
  private static void writeDouble(JsonGenerator g, double d) throws IOException {
    if (Double.isNaN(d)) {
      g.writeRawValue("NaN");
    } else if (Double.isInfinite(d)) {
      g.writeRawValue(d > 0 ? "Infinity" : "-Infinity");
    } else {
      g.writeNumber(d);
    }
  }
}
