package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.bridge.codec.CodecException;
import io.refzarr.bridge.codec.CodecPipeline;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sizes that an encoded chunk claims in its own header are checked against the decoded size the
 * metadata implies, or a cap, before anything of that size is allocated (issue 16, finding 4).
 */
class ClaimedSizesTest {
  private static final byte[] DATA = new byte[100];

  static {
    for (int i = 0; i < DATA.length; i++) {
      DATA[i] = (byte) (i * 7);
    }
  }

  @Test
  void blosc_headerClaimingA2GiBBlock_isRejectedBeforeAllocating() throws CodecException {
    byte[] frame = bloscCopyStreams(DATA, Integer.MAX_VALUE);
    CodecPipeline blosc = CodecPipeline.zarrV2(Map.of("id", "blosc"), List.of());

    assertThatThrownBy(() -> blosc.decode(frame, DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("blocksize 2147483647");
  }

  @Test
  void blosc_honestFrame_decodes() throws CodecException {
    CodecPipeline blosc = CodecPipeline.zarrV2(Map.of("id", "blosc"), List.of());
    byte[] shuffled = new byte[DATA.length];
    for (int i = 0; i < DATA.length; i++) {
      shuffled[(i % 4) * 25 + i / 4] = DATA[i];
    }

    assertThat(blosc.decode(bloscCopyStreams(shuffled, DATA.length), DATA.length)).isEqualTo(DATA);
  }

  @Test
  void blosc_unknownSizeClaimingTooMuch_isRejectedBeforeAllocating() throws CodecException {
    byte[] frame = bloscCopyStreams(DATA, DATA.length);
    ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(4, Integer.MAX_VALUE - 64);
    ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(8, Integer.MAX_VALUE - 64);
    CodecPipeline stringsAfterBlosc =
        CodecPipeline.zarrV2(Map.of("id", "blosc"), List.of(Map.of("id", "vlen-utf8")));

    assertThatThrownBy(() -> stringsAfterBlosc.decodeStrings(frame, 1))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("blosc header claims 2147483583 bytes");
  }

  @Test
  void lz4_unknownSizePrefixBeyondAnyRatio_isRejectedBeforeAllocating() throws CodecException {
    byte[] block = {(byte) 0xf0, (byte) 0xff, (byte) 0xff, 0x7f, 0x10, 'a'};
    CodecPipeline stringsAfterLz4 =
        CodecPipeline.zarrV2(Map.of("id", "lz4"), List.of(Map.of("id", "vlen-utf8")));

    assertThatThrownBy(() -> stringsAfterLz4.decodeStrings(block, 1))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("lz4 size prefix claims 2147483632 bytes");
  }

  // A Blosc 1 frame of one block holding one stream stored raw (length == decoded size),
  // byte-shuffled
  // with 4-byte elements; blocksize is whatever the header should claim.
  private static byte[] bloscCopyStreams(byte[] stream, int blocksize) {
    int cbytes = 16 + 4 + 4 + stream.length;
    ByteBuffer b = ByteBuffer.allocate(cbytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 2)
        .put((byte) 1)
        .put((byte) 0x11)
        .put((byte) 4); // byte shuffle, not split, blosclz
    b.putInt(stream.length).putInt(blocksize).putInt(cbytes);
    b.putInt(20).putInt(stream.length).put(stream);
    return b.array();
  }
}
