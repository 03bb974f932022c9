package io.refzarr.lazy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.refzarr.internal.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Copies JSON values minified, keeping number text exactly as written ({@code
 * 1.0000000200408773e+20} stays so, {@code NaN} too): metadata moves between a JSON set, {@code
 * .zmetadata} and back without a float round trip changing its bytes.
 */
final class JsonCopy {
  private JsonCopy() {}

  /** The minified form of the JSON document {@code json}. */
  static byte[] minify(byte[] json) throws IOException {
    try (JsonParser p = Json.parser(json)) {
      if (p.nextToken() == null) {
        throw new IOException("empty JSON document");
      }
      byte[] out = copyValue(p);
      if (p.nextToken() != null) {
        throw new IOException("trailing content after the JSON value");
      }
      return out;
    }
  }

  /** The minified bytes of the value at the parser's current token (which is consumed). */
  static byte[] copyValue(JsonParser p) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = Json.generator(out)) {
      copy(p, g);
    }
    return out.toByteArray();
  }

  /** Copies the value at the parser's current token to {@code g}. */
  static void copy(JsonParser p, JsonGenerator g) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        g.writeStartObject();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          g.writeFieldName(p.currentName());
          p.nextToken();
          copy(p, g);
        }
        g.writeEndObject();
        return;
      case START_ARRAY:
        g.writeStartArray();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          copy(p, g);
        }
        g.writeEndArray();
        return;
      case VALUE_STRING:
        g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        return;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        g.writeNumber(p.getText());
        return;
      case VALUE_TRUE:
      case VALUE_FALSE:
        g.writeBoolean(t == JsonToken.VALUE_TRUE);
        return;
      case VALUE_NULL:
        g.writeNull();
        return;
      default:
        throw new IOException("unexpected JSON token " + t + " at " + p.currentLocation());
    }
  }
}
