package io.refzarr.zarr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZarrArrayMetadataTest {
  private static final String KERCHUNK_ORDER =
      "[shape, chunks, dtype, fill_value, order, filters, dimension_separator, compressor, zarr_format]";

  @Test
  void everyGoldenZarray_parseThenToJson_roundTrips() throws IOException {
    int arrays = 0;
    int byteExact = 0;
    for (Path set : Corpus.goldenJsonSets()) {
      for (Map.Entry<String, byte[]> e : zarrays(set).entrySet()) {
        String what = Corpus.dir().relativize(set) + " " + e.getKey();
        byte[] original = e.getValue();
        ZarrArrayMetadata md = ZarrArrayMetadata.parse(original);
        // same values, same field order, same bytes as the generic JSON codec writes the document
        assertThat(Json.parse(md.toJson())).as(what).isEqualTo(Json.parse(original));
        assertThat(new ArrayList<>(md.document().keySet()))
            .as(what)
            .isEqualTo(new ArrayList<>(((Map<?, ?>) Json.parse(original)).keySet()));
        assertThat(md.toJson()).as(what).isEqualTo(Json.writeBytes(Json.parse(original)));
        assertThat(ZarrArrayMetadata.parse(md.toJson())).as(what).isEqualTo(md);
        // rebuilt field by field, the builder writes kerchunk's document
        ZarrArrayMetadata rebuilt =
            ZarrArrayMetadata.builder()
                .shape(md.shape())
                .chunks(md.chunks())
                .dtype(md.dtype())
                .fillValue(md.fillValue())
                .filters(md.filters())
                .compressor(md.compressor())
                .build();
        assertThat(rebuilt.toJson()).as(what).isEqualTo(md.toJson());
        arrays++;
        // minified documents come back byte for byte (but for exponents: Python's 1e+20 is Java's
        // 1.0E20)
        String text = new String(original, StandardCharsets.UTF_8);
        if (!text.matches("(?s).*(\\de[+-]\\d|\\s).*")) {
          assertThat(md.toJson()).as(what).isEqualTo(original);
          byteExact++;
        }
      }
    }
    assertThat(arrays).isGreaterThan(140);
    assertThat(byteExact).isGreaterThan(100);
  }

  @Test
  void builder_writesKerchunkFieldOrderAndDefaults() {
    ZarrArrayMetadata md =
        ZarrArrayMetadata.builder().shape(10, 4).chunks(5, 4).dtype(DType.parse("<f4")).build();
    assertThat(md.toString())
        .isEqualTo(
            "{\"shape\":[10,4],\"chunks\":[5,4],\"dtype\":\"<f4\","
                + "\"fill_value\":null,\"order\":\"C\",\"filters\":null,\"dimension_separator\":\".\","
                + "\"compressor\":null,\"zarr_format\":2}");
    assertThat(md.document().keySet().toString()).isEqualTo(KERCHUNK_ORDER);
    assertThat(md.filters()).isEmpty();
    assertThat(md.compressor()).isNull();
    assertThat(md.order()).isEqualTo("C");
    assertThat(md.dimensionSeparator()).isEqualTo('.');
    assertThat(md.grid().chunkCount()).isEqualTo(2);
  }

  @Test
  void builder_filtersAndCompressorAreWrittenAsGiven() {
    ZarrArrayMetadata md =
        ZarrArrayMetadata.builder()
            .shape(8)
            .chunks(4)
            .dtype(DType.parse(">i2"))
            .fillValue(-1L)
            .filters(List.of(Map.of("id", "shuffle", "elementsize", 2L)))
            .compressor(Map.of("id", "zlib", "level", 4L))
            .build();
    assertThat(md.filters()).containsExactly(Map.of("id", "shuffle", "elementsize", 2L));
    assertThat(md.compressor()).isEqualTo(Map.of("id", "zlib", "level", 4L));
    assertThat(md.toString())
        .contains("\"fill_value\":-1,")
        .contains("\"filters\":[{\"")
        .contains("\"compressor\":{\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"NaN\"",
        "\"Infinity\"",
        "\"-Infinity\"",
        "NaN",
        "-Infinity",
        "\"IA==\"",
        "18446744073709551615",
        "-9223372036854775808",
        "[1.5,\"NaN\"]",
        "9.969209968386869E36",
        "0.0",
        "false",
        "null",
        "\"\""
      })
  void fillValue_roundTripsExactly(String fill) throws IOException {
    String doc =
        "{\"shape\":[2],\"chunks\":[2],\"dtype\":\"<f8\",\"fill_value\":"
            + fill
            + ",\"order\":\"C\",\"filters\":null,\"dimension_separator\":\".\",\"compressor\":null,"
            + "\"zarr_format\":2}";
    ZarrArrayMetadata md = ZarrArrayMetadata.parse(doc.getBytes(StandardCharsets.UTF_8));
    assertThat(md.toString()).isEqualTo(doc);
    assertThat(
            ZarrArrayMetadata.builder()
                .shape(2)
                .chunks(2)
                .dtype(md.dtype())
                .fillValue(md.fillValue())
                .build()
                .toString())
        .isEqualTo(doc);
  }

  @Test
  void fillValue_keepsItsJsonType() throws IOException {
    assertThat(fill("\"NaN\"")).isEqualTo("NaN");
    assertThat(fill("NaN")).isEqualTo(Double.NaN);
    assertThat(fill("18446744073709551615")).isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(fill("7")).isEqualTo(7L);
  }

  @Test
  void toBuilder_keepsFieldOrderAndUnknownFields() throws IOException {
    String doc =
        "{\"zarr_format\":2,\"chunks\":[2,3],\"shape\":[4,6],\"dtype\":\"<f4\",\"x-extra\":{\"a\":1},"
            + "\"fill_value\":\"NaN\",\"order\":\"F\",\"filters\":[],\"compressor\":null}";
    ZarrArrayMetadata md = ZarrArrayMetadata.parse(doc.getBytes(StandardCharsets.UTF_8));
    assertThat(md.order()).isEqualTo("F");
    assertThat(md.filters()).isEmpty();
    ZarrArrayMetadata grown = md.toBuilder().shape(8, 6).set("dimension_separator", "/").build();
    assertThat(grown.toString())
        .isEqualTo(
            "{\"zarr_format\":2,\"chunks\":[2,3],\"shape\":[8,6],\"dtype\":\"<f4\","
                + "\"x-extra\":{\"a\":1},\"fill_value\":\"NaN\",\"order\":\"F\",\"filters\":[],\"compressor\":null,"
                + "\"dimension_separator\":\"/\"}");
    assertThat(grown.dimensionSeparator()).isEqualTo('/');
    assertThat(md.shape()).containsExactly(4, 6);
  }

  @Test
  void parse_missingChunksAndOptionalFields_defaults() throws IOException {
    ZarrArrayMetadata md = parse("{\"shape\":[4,6],\"dtype\":\"<f4\"}");
    assertThat(md.chunks()).containsExactly(4, 6);
    assertThat(md.order()).isEqualTo("C");
    assertThat(md.dimensionSeparator()).isEqualTo('.');
    assertThat(md.fillValue()).isNull();
    assertThat(md.toString()).isEqualTo("{\"shape\":[4,6],\"dtype\":\"<f4\"}");
  }

  @Test
  void value_isImmutable() throws IOException {
    ZarrArrayMetadata md =
        parse(
            "{\"shape\":[4],\"chunks\":[2],\"dtype\":[[\"a\",\"<i4\"]],"
                + "\"filters\":[{\"id\":\"zlib\",\"level\":1}],\"fill_value\":null}");
    md.shape()[0] = 99;
    assertThat(md.shape()).containsExactly(4);
    assertThatThrownBy(() -> md.document().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> md.filters().get(0).put("level", 9))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) md.document().get("shape")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(md.dtype().isStructured()).isTrue();
  }

  @Test
  void parse_badDocuments_nameTheField() {
    assertBad("[1,2]", "not a JSON object");
    assertBad("{\"chunks\":[2],\"dtype\":\"<f4\"}", "shape is not a list of integers");
    assertBad("{\"shape\":[4],\"chunks\":[2,2],\"dtype\":\"<f4\"}", "differ in rank");
    assertBad("{\"shape\":[4],\"chunks\":[0],\"dtype\":\"<f4\"}", "non-positive chunk size");
    assertBad("{\"shape\":[-4],\"chunks\":[2],\"dtype\":\"<f4\"}", "negative size");
    assertBad(
        "{\"shape\":[4],\"chunks\":[2.5],\"dtype\":\"<f4\"}", "chunks is not a list of integers");
    assertBad("{\"shape\":[4]}", "no dtype");
    assertBad("{\"shape\":[4],\"dtype\":\"<q4\"}", ".zarray not a numpy type string: \"<q4\"");
    assertBad("{\"shape\":[4],\"dtype\":\"<f4\",\"order\":\"X\"}", "order must be");
    assertBad(
        "{\"shape\":[4],\"dtype\":\"<f4\",\"dimension_separator\":\"-\"}", "dimension_separator");
    assertBad(
        "{\"shape\":[4],\"dtype\":\"<f4\",\"compressor\":\"zlib\"}", "compressor is not an object");
    assertBad(
        "{\"shape\":[4],\"dtype\":\"<f4\",\"filters\":{\"id\":\"zlib\"}}", "filters is not a list");
    assertBad(
        "{\"shape\":[4],\"dtype\":\"<f4\",\"filters\":[\"zlib\"]}",
        "filters is not a list of objects");
    assertBad("{\"shape\":[4],\"dtype\":\"<f4\",\"zarr_format\":3}", "zarr_format must be 2");
  }

  @Test
  void build_invalidFields_illegalArgument() {
    assertThatThrownBy(() -> ZarrArrayMetadata.builder().shape(4).chunks(2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no dtype");
    assertThatThrownBy(() -> ZarrArrayMetadata.builder().shape(4).dtype(DType.parse("<f4")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunks");
    assertThatThrownBy(
            () ->
                ZarrArrayMetadata.builder()
                    .shape(4)
                    .chunks(2)
                    .dtype(DType.parse("<f4"))
                    .set("order", "Z")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order");
  }

  private static void assertBad(String doc, String message) {
    assertThatThrownBy(() -> parse(doc))
        .as(doc)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(message);
  }

  private static Object fill(String json) throws IOException {
    return parse("{\"shape\":[],\"dtype\":\"<f8\",\"fill_value\":" + json + "}").fillValue();
  }

  private static ZarrArrayMetadata parse(String doc) throws IOException {
    return ZarrArrayMetadata.parse(doc.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, byte[]> zarrays(Path set) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (ReferenceSet refs = ReferenceSets.readJson(set)) {
      List<String> keys =
          refs.keys().filter(k -> ZarrKeys.name(k).equals(ZarrKeys.ZARRAY)).toList();
      for (String k : keys) {
        out.put(k, ((Reference.Inline) refs.get(k).orElseThrow()).data());
      }
    }
    return out;
  }
}
