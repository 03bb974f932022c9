package io.refzarr.bridge.codec;

import java.io.IOException;

/** Encoded bytes that a codec cannot decode (corrupt stream, wrong size, checksum mismatch). */
public final class CodecException extends IOException {
  private static final long serialVersionUID = 1L;

  CodecException(String message) {
    super(message);
  }

  CodecException(String message, Throwable cause) {
    super(message, cause);
  }

  static CodecException wrongSize(String codec, long got, long expected) {
    return new CodecException(codec + " decoded " + got + " bytes, expected " + expected);
  }
}
