package io.refzarr.bridge.codec;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * numcodecs {@code vlen-utf8}: an int32 item count, then per item an int32 byte length and UTF-8
 * bytes.
 */
final class VlenUtf8 {
  private VlenUtf8() {}

  static String[] decode(byte[] in, int count) throws CodecException {
    int n = Bytes.length32le(in, 0);
    if (n != count) {
      throw new CodecException("vlen-utf8 holds " + n + " items, expected " + count);
    }
    String[] out = new String[n];
    int pos = 4;
    for (int i = 0; i < n; i++) {
      int len = Bytes.length32le(in, pos);
      if (len < 0 || pos + 4L + len > in.length) {
        throw new CodecException("vlen-utf8 item " + i + " runs past the end of the chunk");
      }
      out[i] = utf8(in, pos + 4, len);
      pos += 4 + len;
    }
    return out;
  }

  private static String utf8(byte[] in, int off, int len) throws CodecException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(in, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CodecException("vlen-utf8 item is not valid UTF-8", e);
    }
  }
}
