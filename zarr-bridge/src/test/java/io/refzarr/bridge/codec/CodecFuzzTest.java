package io.refzarr.bridge.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipInputStream;

/**
 * Fuzz target for zarr-bridge's compressors (README "Fuzzing"), each as the one step {@link
 * CodecPipeline} makes of a numcodecs configuration. Input: one byte choosing the codec (0 zlib, 1
 * gzip, 2 zstd, 3 lz4, 4 blosc; taken modulo 5), two bytes of expected size (big-endian; 0xFFFF for
 * unknown), then the frame. A frame either fails with {@link CodecException} or decodes; for zlib
 * and gzip, java.util.zip is the independent check: bytes refzarr returns are the bytes
 * java.util.zip decodes, and a zlib stream java.util.zip decodes completely (to its end, no input
 * left) refzarr decodes too. Seeds: numcodecs' frames of {@code CodecFixturesTest} ({@code
 * CodecFuzzTestInputs}).
 */
class CodecFuzzTest {
  private static final String[] IDS = {"zlib", "gzip", "zstd", "lz4", "blosc"};
  private static final Codec[] CODECS = new Codec[IDS.length];

  static {
    try {
      for (int i = 0; i < IDS.length; i++) {
        CODECS[i] = V2Codecs.create(IDS[i], Map.of());
      }
    } catch (CodecException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void decode(byte[] input) {
    if (input.length < 3) {
      return;
    }
    int codec = (input[0] & 0xff) % IDS.length;
    int size = (input[1] & 0xff) << 8 | (input[2] & 0xff);
    int expected = size == 0xffff ? -1 : size;
    byte[] frame = Arrays.copyOfRange(input, 3, input.length);
    byte[] got;
    try {
      got = CODECS[codec].decode(frame, size(expected));
    } catch (CodecException e) {
      got = null; // the documented failure of a bad frame
    }
    if (got != null && expected >= 0) {
      assertThat(got).hasSize(expected);
    }
    if (codec == 0) {
      checkZlib(frame, expected, got);
    } else if (codec == 1 && got != null) {
      assertThat(got).isEqualTo(gunzip(frame));
    }
  }

  /**
   * kerchunk's {@code deflate} codec (a zip member from its local header, {@link ZipDeflate}).
   * Input: two bytes of expected size (big-endian; 0xFFFF for unknown), then the member. Bytes it
   * returns are the bytes java.util.zip's {@link ZipInputStream} reads from the same member,
   * whenever that reads it.
   */
  @FuzzTest(maxDuration = "10m")
  void zipDeflate(byte[] input) {
    if (input.length < 2) {
      return;
    }
    int size = (input[0] & 0xff) << 8 | (input[1] & 0xff);
    int expected = size == 0xffff ? -1 : size;
    byte[] member = Arrays.copyOfRange(input, 2, input.length);
    byte[] got;
    try {
      got = ZipDeflate.INSTANCE.decode(member, size(expected));
    } catch (CodecException e) {
      return; // the documented failure of a bad member
    }
    if (expected >= 0) {
      assertThat(got).hasSize(expected);
    }
    byte[] jdk = unzipFirst(member);
    if (jdk != null) {
      assertThat(got).isEqualTo(jdk);
    }
  }

  // An unknown size is what a chunk of strings may decode to.
  private static OutputSize size(int expected) {
    return expected >= 0 ? OutputSize.exactly(expected) : OutputSize.atMost(OutputSize.STRINGS_CAP);
  }

  // The first entry's bytes as ZipInputStream reads them, or null if it refuses the member.
  private static byte[] unzipFirst(byte[] member) {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(member))) {
      return in.getNextEntry() == null ? null : in.readNBytes(1 << 28);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void checkZlib(byte[] frame, int expected, byte[] got) {
    Inflater inf = new Inflater();
    inf.setInput(frame);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      while (!inf.finished() && out.size() <= Math.max(expected, 1 << 24)) {
        int k = inf.inflate(buf);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        out.write(buf, 0, k);
      }
    } catch (DataFormatException e) {
      assertThat(got).as("refzarr decoded a stream java.util.zip calls corrupt").isNull();
      return;
    } finally {
      inf.end();
    }
    byte[] jdk = out.toByteArray();
    boolean complete = inf.finished() && inf.getRemaining() == 0;
    if (got != null) {
      assertThat(inf.finished()).as("refzarr decoded a stream that does not end").isTrue();
      assertThat(got).isEqualTo(jdk);
    } else if (complete && (expected < 0 || expected == jdk.length)) {
      fail(
          "java.util.zip decodes this zlib stream completely ("
              + jdk.length
              + " bytes); refzarr"
              + " refused it");
    }
  }

  private static byte[] gunzip(byte[] frame) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(frame))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError("refzarr decoded a gzip stream java.util.zip refuses: " + e, e);
    }
  }
}
