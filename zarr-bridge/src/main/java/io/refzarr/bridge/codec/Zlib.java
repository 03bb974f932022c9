package io.refzarr.bridge.codec;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * zlib (and, with {@code nowrap}, raw deflate for gzip members). Inflaters are reused per thread.
 */
final class Zlib implements Codec {
  private static final ThreadLocal<Inflater> ZLIB =
      ThreadLocal.withInitial(() -> new Inflater(false));
  private static final ThreadLocal<Inflater> RAW =
      ThreadLocal.withInitial(() -> new Inflater(true));

  static final Zlib INSTANCE = new Zlib();

  @Override
  public byte[] decode(byte[] in, OutputSize size) throws CodecException {
    return inflate("zlib", ZLIB.get(), in, 0, in.length, size, null);
  }

  @Override
  public byte[] decodeInto(byte[] in, OutputSize size, byte[] scratch) throws CodecException {
    if (!size.exact() || scratch.length != size.bytes()) {
      return decode(in, size);
    }
    Inflater inf = ZLIB.get();
    inf.reset();
    inf.setInput(in, 0, in.length);
    try {
      return inflateExact("zlib", inf, scratch);
    } catch (DataFormatException e) {
      throw new CodecException("zlib stream is corrupt: " + e.getMessage(), e);
    } finally {
      inf.reset();
    }
  }

  /**
   * Inflates {@code in[off, off + len)} to exactly {@code size} bytes, or to at most that many when
   * it is a bound; with {@code next} (what follows the stream, for the message), the deflate stream
   * must fill {@code len} exactly (gzip, whose trailer follows it: bytes between them were ignored
   * until fuzzing found it).
   */
  static byte[] inflate(
      String name, Inflater inf, byte[] in, int off, int len, OutputSize size, String next)
      throws CodecException {
    inf.reset();
    inf.setInput(in, off, len);
    try {
      byte[] out =
          size.exact()
              ? inflateExact(name, inf, new byte[size.bytes()])
              : inflateAll(name, inf, len, size);
      if (next != null && inf.getRemaining() > 0) {
        throw new CodecException(
            name + " stream has " + inf.getRemaining() + " bytes between its end and " + next);
      }
      return out;
    } catch (DataFormatException e) {
      throw new CodecException(name + " stream is corrupt: " + e.getMessage(), e);
    } finally {
      inf.reset();
    }
  }

  private static byte[] inflateExact(String name, Inflater inf, byte[] out)
      throws DataFormatException, CodecException {
    int expected = out.length;
    int n = 0;
    while (n < expected && !inf.finished()) {
      int k = inf.inflate(out, n, expected - n);
      if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
        throw new CodecException(
            name + " stream is truncated after " + n + " of " + expected + " bytes");
      }
      n += k;
    }
    if (n != expected) {
      throw CodecException.wrongSize(name, n, expected);
    }
    if (!inf.finished() && inf.inflate(new byte[1]) > 0) {
      throw new CodecException(name + " decoded more than the expected " + expected + " bytes");
    }
    // Only a stream that reached its end has had its checksum (Adler-32 for zlib) verified by the
    // Inflater:
    // a damaged stream cut short can still yield the expected number of (wrong) bytes.
    if (!inf.finished()) {
      throw new CodecException(
          name
              + " stream is truncated: it does not end after its "
              + expected
              + " bytes, so its checksum was never checked");
    }
    return out;
  }

  private static byte[] inflateAll(String name, Inflater inf, int len, OutputSize size)
      throws DataFormatException, CodecException {
    int max = size.bytes();
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(max, Math.max(64L, len * 4L)));
    byte[] buf = new byte[64 * 1024];
    while (!inf.finished()) {
      int k = inf.inflate(buf);
      if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
        throw new CodecException(name + " stream is truncated");
      }
      if (k > max - out.size()) {
        throw new CodecException(
            name
                + " stream decodes to "
                + (out.size() + (long) k)
                + " bytes or more, "
                + size.limit());
      }
      out.write(buf, 0, k);
    }
    return out.toByteArray();
  }

  static Inflater raw() {
    return RAW.get();
  }
}
