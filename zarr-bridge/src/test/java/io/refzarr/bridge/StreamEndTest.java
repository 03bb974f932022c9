package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.bridge.codec.CodecException;
import io.refzarr.bridge.codec.CodecPipeline;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Compressed streams are accepted only when they end where their format says and their checksum
 * holds: a damaged stream cut before its checksum must not decode to wrong values (issue 16,
 * finding 1).
 */
class StreamEndTest {
  private static final byte[] DATA = data(4000);

  @Test
  void zlib_damagedAndCutBeforeAdler_isRejected() throws Exception {
    byte[] stream = deflate(DATA, Deflater.NO_COMPRESSION, false, true);
    byte[] bad = Arrays.copyOf(stream, stream.length - 4); // no Adler-32
    bad[100] ^= 1; // a stored byte: the output differs from DATA at one place
    CodecPipeline zlib = CodecPipeline.zarrV2(Map.of("id", "zlib"), List.of());

    assertThatThrownBy(() -> zlib.decode(bad, DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("zlib stream is truncated");
    assertThatThrownBy(() -> zlib.decodeForCopy(bad, DATA.length, 1))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("zlib stream is truncated");
  }

  @Test
  void zlib_wholeStream_decodes() throws Exception {
    byte[] stream = deflate(DATA, Deflater.DEFAULT_COMPRESSION, false, true);
    CodecPipeline zlib = CodecPipeline.zarrV2(Map.of("id", "zlib"), List.of());

    assertThat(zlib.decode(stream, DATA.length)).isEqualTo(DATA);
    assertThat(zlib.decodeForCopy(stream, DATA.length, 1).bytes()).isEqualTo(DATA);
  }

  @Test
  void gzip_deflateStreamWithoutFinalBlock_isRejected() throws Exception {
    byte[] member = gzip(deflate(DATA, Deflater.DEFAULT_COMPRESSION, true, false), DATA);
    CodecPipeline gzip = CodecPipeline.zarrV2(Map.of("id", "gzip"), List.of());

    assertThatThrownBy(() -> gzip.decode(member, DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("gzip stream is truncated");
  }

  @Test
  void gzip_wrongCrc_isRejected() throws Exception {
    byte[] member = gzip(deflate(DATA, Deflater.DEFAULT_COMPRESSION, true, true), DATA);
    CodecPipeline gzip = CodecPipeline.zarrV2(Map.of("id", "gzip"), List.of());
    assertThat(gzip.decode(member, DATA.length)).isEqualTo(DATA);
    member[member.length - 8] ^= 1;

    assertThatThrownBy(() -> gzip.decode(member, DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void zstd_wrongContentChecksum_isRejected() throws Exception {
    byte[] frame = zstdRawFrame(Arrays.copyOf(DATA, 200));
    CodecPipeline zstd = CodecPipeline.zarrV2(Map.of("id", "zstd"), List.of());

    assertThatThrownBy(() -> zstd.decode(frame, 200)).isInstanceOf(CodecException.class);
  }

  @Test
  void zstd_trailingBytesAfterFrame_isRejected() throws Exception {
    byte[] frame = zstdRawFrame(Arrays.copyOf(DATA, 200));
    byte[] longer = Arrays.copyOf(frame, frame.length + 7);
    CodecPipeline zstd = CodecPipeline.zarrV2(Map.of("id", "zstd"), List.of());

    assertThatThrownBy(() -> zstd.decode(longer, 200)).isInstanceOf(CodecException.class);
  }

  @Test
  void lz4_blockCutShort_isRejected() throws Exception {
    // size prefix 200, then one literal run of 15+ bytes announced but only 20 present
    byte[] block = new byte[4 + 2 + 20];
    block[0] = (byte) 200;
    block[4] = (byte) 0xf0;
    block[5] = (byte) (200 - 15);
    CodecPipeline lz4 = CodecPipeline.zarrV2(Map.of("id", "lz4"), List.of());

    assertThatThrownBy(() -> lz4.decode(block, 200)).isInstanceOf(CodecException.class);
  }

  // A frame with one raw block and a content checksum that is deliberately wrong (all zero).
  private static byte[] zstdRawFrame(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x24, (byte) content.length});
    int header = 1 | content.length << 3; // last block, raw
    out.writeBytes(new byte[] {(byte) header, (byte) (header >> 8), (byte) (header >> 16)});
    out.writeBytes(content);
    out.writeBytes(new byte[4]);
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] data, int level, boolean raw, boolean finish) {
    Deflater d = new Deflater(level, raw);
    d.setInput(data);
    if (finish) {
      d.finish();
    }
    byte[] buf = new byte[data.length * 2 + 64];
    int n = finish ? d.deflate(buf) : d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
    d.end();
    return Arrays.copyOf(buf, n);
  }

  private static byte[] gzip(byte[] rawDeflate, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    out.writeBytes(rawDeflate);
    CRC32 crc = new CRC32();
    crc.update(data);
    out.writeBytes(le32((int) crc.getValue()));
    out.writeBytes(le32(data.length));
    return out.toByteArray();
  }

  private static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }

  private static byte[] data(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + i / 7);
    }
    return b;
  }
}
