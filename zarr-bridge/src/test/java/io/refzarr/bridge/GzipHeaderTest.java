package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.bridge.codec.CodecException;
import io.refzarr.bridge.codec.CodecPipeline;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * gzip members are checked as java.util.zip checks them (found by fuzzing, README "Fuzzing"): the
 * header's CRC-16 when the FHCRC flag says there is one, no reserved flag bits, and the trailer
 * right after the deflate stream.
 */
class GzipHeaderTest {
  private static final byte[] DATA = "header checks, header checks, header checks".getBytes();

  /** A gzip member with FHCRC set and the given header CRC-16 (or the right one if negative). */
  private static byte[] withHeaderCrc(int flags, int headerCrc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, (byte) 255};
    out.writeBytes(header);
    CRC32 hcrc = new CRC32();
    hcrc.update(header);
    int crc16 = headerCrc >= 0 ? headerCrc : (int) hcrc.getValue() & 0xffff;
    out.write(crc16 & 0xff);
    out.write(crc16 >>> 8);
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(DATA);
    d.finish();
    byte[] buf = new byte[256];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    CRC32 crc = new CRC32();
    crc.update(DATA);
    int c = (int) crc.getValue();
    for (int v : new int[] {c, DATA.length}) {
      for (int i = 0; i < 4; i++) {
        out.write(v >>> (8 * i));
      }
    }
    return out.toByteArray();
  }

  @Test
  void gzip_headerCrcRight_decodes_wrong_isRejected_reservedBits_areRejected() throws Exception {
    CodecPipeline gzip = CodecPipeline.zarrV2(Map.of("id", "gzip"), List.of());

    assertThat(gzip.decode(withHeaderCrc(2, -1), DATA.length)).isEqualTo(DATA);
    int right = java.nio.ByteBuffer.wrap(withHeaderCrc(2, -1), 10, 2).get() & 0xff;
    assertThatThrownBy(() -> gzip.decode(withHeaderCrc(2, right ^ 1), DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("header checksum");
    assertThatThrownBy(() -> gzip.decode(withHeaderCrc(2 | 0x20, -1), DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("reserved");
  }

  @Test
  void gzip_bytesBetweenDeflateEndAndTrailer_areRejected() throws Exception {
    CodecPipeline gzip = CodecPipeline.zarrV2(Map.of("id", "gzip"), List.of());
    byte[] member = withHeaderCrc(2, -1);
    byte[] padded = new byte[member.length + 1];
    System.arraycopy(member, 0, padded, 0, member.length - 8);
    System.arraycopy(member, member.length - 8, padded, member.length - 7, 8);

    assertThatThrownBy(() -> gzip.decode(padded, DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("between its end and its trailer");
  }
}
