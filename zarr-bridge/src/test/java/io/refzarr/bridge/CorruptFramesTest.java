package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.bridge.codec.CodecException;
import io.refzarr.bridge.codec.CodecPipeline;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged codec frames (bytes flipped, frames cut short) never escape as anything but a {@link
 * CodecException}, and never decode to a buffer of the wrong size: the reader's guarantee that a
 * bad chunk is a clear error, not a crash or silent garbage of the wrong shape.
 */
class CorruptFramesTest {

  static java.util.stream.Stream<Map<String, Object>> frames() throws IOException {
    return CodecFixturesTest.frames();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frames")
  @SuppressWarnings("unchecked")
  void decode_damagedFrame_failsWithCodecExceptionOrKeepsSize(Map<String, Object> frame)
      throws IOException {
    byte[] good = CodecFixturesTest.resource("encoded/" + frame.get("name") + ".bin");
    int expected = CodecFixturesTest.resource("inputs/" + frame.get("expected") + ".bin").length;
    CodecPipeline pipeline =
        CodecPipeline.zarrV2(
            (Map<String, Object>) frame.get("compressor"),
            (List<Map<String, Object>>) frame.get("filters"));
    Random random = new Random(frame.get("name").hashCode());
    int failures = 0;
    for (int trial = 0; trial < 60; trial++) {
      byte[] bad =
          trial % 3 == 0
              ? java.util.Arrays.copyOf(good, random.nextInt(good.length))
              : flip(good, random, 1 + trial % 4);
      try {
        assertThat(pipeline.decode(bad, expected)).hasSize(expected);
      } catch (CodecException e) {
        failures++;
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    assertThat(failures).as("truncations at least must be detected").isPositive();
  }

  private static byte[] flip(byte[] good, Random random, int count) {
    byte[] bad = good.clone();
    for (int i = 0; i < count; i++) {
      int at = random.nextInt(bad.length);
      bad[at] = (byte) (bad[at] ^ (1 << random.nextInt(8)));
    }
    return bad;
  }
}
