package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.bridge.codec.CodecPipeline;
import io.refzarr.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frames made by Python numcodecs ({@code codecs/make_fixtures.py}): every Blosc internal codec
 * with no shuffle, byte shuffle and bitshuffle, several blocks with a leftover, plain copies, far
 * BloscLZ matches; zlib, gzip, zstd, lz4, shuffle, delta, fixedscaleoffset and fletcher32. Each
 * decodes to numcodecs' own decoding of it.
 */
class CodecFixturesTest {

  @SuppressWarnings("unchecked")
  static Stream<Map<String, Object>> frames() throws IOException {
    Map<String, Object> index = (Map<String, Object>) Json.parse(resource("index.json"));
    return ((List<Map<String, Object>>) index.get("frames")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frames")
  @SuppressWarnings("unchecked")
  void decode_numcodecsFrame_givesNumcodecsDecoding(Map<String, Object> frame) throws IOException {
    byte[] encoded = resource("encoded/" + frame.get("name") + ".bin");
    byte[] expected = resource("inputs/" + frame.get("expected") + ".bin");
    CodecPipeline pipeline =
        CodecPipeline.zarrV2(
            (Map<String, Object>) frame.get("compressor"),
            (List<Map<String, Object>>) frame.get("filters"));

    byte[] decoded = pipeline.decode(encoded, expected.length);

    assertThat(Canonical.hex(Canonical.digest(decoded)))
        .isEqualTo(Canonical.hex(Canonical.digest(expected)));
  }

  static byte[] resource(String name) {
    try (InputStream in = CodecFixturesTest.class.getResourceAsStream("codecs/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource codecs/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
