package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.bridge.codec.CodecException;
import io.refzarr.bridge.codec.CodecPipeline;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * kerchunk's {@code deflate} codec: a zip member's local file header and raw-deflate data, the
 * header parsed for real and the stream, CRC-32 and sizes checked.
 */
class ZipDeflateTest {
  private static final byte[] DATA =
      "zip member, zip member, zip member, zip member".getBytes(StandardCharsets.UTF_8);
  private static final CodecPipeline DEFLATE = pipeline(List.of());

  private static CodecPipeline pipeline(List<Map<String, Object>> filters) {
    try {
      return CodecPipeline.zarrV2(Map.of("id", "deflate"), filters);
    } catch (CodecException e) {
      throw new AssertionError(e);
    }
  }

  /** One member of a zip written by java.util.zip, from its local header to its data's end. */
  private static byte[] member(byte[] data, boolean sizesInHeader) throws Exception {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    byte[] compressed = rawDeflate(data);
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      ZipEntry e = new ZipEntry("dir/m.bin");
      e.setExtra(new byte[] {(byte) 0xfe, (byte) 0xca, 2, 0, 7, 7}); // an extra field to skip
      if (sizesInHeader) {
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        e.setSize(data.length);
        e.setCompressedSize(compressed.length);
      }
      out.putNextEntry(e);
      out.write(data);
      out.closeEntry();
    }
    byte[] z = zip.toByteArray();
    ByteBuffer b = ByteBuffer.wrap(z).order(ByteOrder.LITTLE_ENDIAN);
    int start = 30 + (b.getShort(26) & 0xffff) + (b.getShort(28) & 0xffff);
    assertThat((b.getShort(6) & 8) == 0).isEqualTo(sizesInHeader);
    return Arrays.copyOf(z, start + compressed.length);
  }

  private static byte[] rawDeflate(byte[] data) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(data);
    d.finish();
    byte[] buf = new byte[1024];
    int n = d.deflate(buf);
    d.end();
    return Arrays.copyOf(buf, n);
  }

  @Test
  void member_withSizesInItsHeader_orInADataDescriptor_decodes() throws Exception {
    assertThat(DEFLATE.decode(member(DATA, true), DATA.length)).isEqualTo(DATA);
    assertThat(DEFLATE.decode(member(DATA, false), DATA.length)).isEqualTo(DATA);
  }

  @Test
  void unknownSize_decodesToTheHeadersSize_orTheStreamsEnd() throws Exception {
    ByteArrayOutputStream vlen = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(8 + DATA.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1).putInt(DATA.length).put(DATA);
    vlen.writeBytes(b.array());
    CodecPipeline strings = pipeline(List.of(Map.of("id", "vlen-utf8")));
    for (boolean sized : new boolean[] {true, false}) {
      assertThat(strings.decodeStrings(member(vlen.toByteArray(), sized), 1))
          .containsExactly(new String(DATA, StandardCharsets.UTF_8));
    }
  }

  @Test
  void wrongCrcOrSize_inTheHeader_isRefused() throws Exception {
    byte[] m = member(DATA, true);
    m[14] ^= 1; // CRC-32
    assertThatThrownBy(() -> DEFLATE.decode(m, DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("CRC-32");
    byte[] sized = member(DATA, true);
    sized[22] += 1; // uncompressed size: refused before inflating
    assertThatThrownBy(() -> DEFLATE.decode(sized, DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("decoded " + (DATA.length + 1) + " bytes, expected " + DATA.length);
  }

  @Test
  void bytesAfterTheStream_aCutStream_orAnotherHeader_areRefused() throws Exception {
    byte[] m = member(DATA, false);
    byte[] longer = Arrays.copyOf(m, m.length + 1);
    assertThatThrownBy(() -> DEFLATE.decode(longer, DATA.length))
        .isInstanceOf(CodecException.class);
    byte[] cut = Arrays.copyOf(m, m.length - 2);
    assertThatThrownBy(() -> DEFLATE.decode(cut, DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
    byte[] sized = member(DATA, true);
    assertThatThrownBy(() -> DEFLATE.decode(Arrays.copyOf(sized, sized.length - 1), DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("claims");
    byte[] notZip = m.clone();
    notZip[2] = 1;
    assertThatThrownBy(() -> DEFLATE.decode(notZip, DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("local file header");
    byte[] stored = m.clone();
    stored[8] = 0;
    assertThatThrownBy(() -> DEFLATE.decode(stored, DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("method is 0");
    byte[] header = Arrays.copyOf(m, 33); // the name runs past the end
    assertThatThrownBy(() -> DEFLATE.decode(header, DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
  }
}
