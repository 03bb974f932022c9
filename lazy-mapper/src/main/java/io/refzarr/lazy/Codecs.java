package io.refzarr.lazy;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * refzarr's own Parquet codecs (zstd, snappy, gzip, none): parquet-java's default factory is built
 * on Hadoop's codec classes, which would drag the Hadoop runtime in (java-deps.md section 5).
 */
final class Codecs implements CompressionCodecFactory {
  static final Codecs INSTANCE = new Codecs();

  /** zstd level 3, as pyarrow and fastparquet write by default. */
  private static final int ZSTD_LEVEL = 3;

  // One zstd context per thread, reused: zstd-jni's static methods create and free a context per
  // call, ~100 KB of native state set up for every page, which was most of the time of a page read
  // (JFR: ZstdDecompressCtx.init in 66 of 79 native samples)
  private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESS =
      ThreadLocal.withInitial(ZstdDecompressCtx::new);
  private static final ThreadLocal<ZstdCompressCtx> COMPRESS =
      ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(ZSTD_LEVEL));

  private Codecs() {}

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return new Compressor(codec);
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return new Decompressor(codec);
  }

  @Override
  public void release() {}

  static byte[] compress(CompressionCodecName codec, byte[] in) throws IOException {
    switch (codec) {
      case UNCOMPRESSED:
        return in;
      case ZSTD:
        return COMPRESS.get().compress(in);
      case SNAPPY:
        return Snappy.compress(in);
      case GZIP:
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(in.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
          gz.write(in);
        }
        return bytes.toByteArray();
      default:
        throw new IOException("unsupported Parquet compression " + codec);
    }
  }

  // direct buffers for zstd's streaming decompression of a page's first bytes, one pair per thread
  private static final ThreadLocal<ByteBuffer[]> DIRECT =
      ThreadLocal.withInitial(() -> new ByteBuffer[2]);

  /**
   * The first {@code prefix} of a page's {@code size} decompressed bytes, or more: zstd pages are
   * decompressed only that far (a lookup in one of fsspec's 100,000-row pages needs the values up
   * to its row), other codecs whole.
   */
  static byte[] decompressPrefix(int thriftCodec, byte[] in, int size, int prefix)
      throws IOException {
    if (thriftCodec != 6 || prefix >= size) {
      return decompress(thriftCodec, in, size);
    }
    ByteBuffer[] buffers = DIRECT.get();
    ByteBuffer src = direct(buffers, 0, in.length);
    ByteBuffer dst = direct(buffers, 1, prefix);
    src.put(in).flip();
    dst.limit(prefix);
    ZstdDecompressCtx ctx = DECOMPRESS.get();
    ctx.reset();
    try {
      while (dst.hasRemaining()) {
        int before = dst.position() + src.position();
        boolean frameDone = ctx.decompressDirectByteBufferStream(dst, src);
        if (dst.hasRemaining() && (frameDone || dst.position() + src.position() == before)) {
          throw new IOException(
              "corrupt zstd page: " + dst.position() + " of " + prefix + " bytes decompressed");
        }
      }
    } catch (ZstdException e) {
      throw new IOException("corrupt zstd page: " + e.getMessage(), e);
    } finally {
      ctx.reset();
    }
    byte[] out = new byte[prefix];
    dst.flip().get(out);
    return out;
  }

  private static ByteBuffer direct(ByteBuffer[] buffers, int i, int size) {
    if (buffers[i] == null || buffers[i].capacity() < size) {
      buffers[i] =
          ByteBuffer.allocateDirect(
              Math.max(size, buffers[i] == null ? 64 << 10 : 2 * buffers[i].capacity()));
    }
    return buffers[i].clear();
  }

  /** Whether {@link #decompress(int, byte[], int)} reads Parquet's (Thrift) codec number. */
  static boolean handles(int thriftCodec) {
    return thriftCodec == 0 || thriftCodec == 1 || thriftCodec == 2 || thriftCodec == 6;
  }

  /**
   * Decompresses a page given Parquet's codec number from the footer (0 none, 1 snappy, 2 gzip, 6
   * zstd), without parquet-java's codec enumeration.
   */
  static byte[] decompress(int thriftCodec, byte[] in, int size) throws IOException {
    return switch (thriftCodec) {
      case 0 -> decompress(Codec.NONE, in, size);
      case 1 -> decompress(Codec.SNAPPY, in, size);
      case 2 -> decompress(Codec.GZIP, in, size);
      case 6 -> decompress(Codec.ZSTD, in, size);
      default -> throw new IOException("unsupported Parquet compression " + thriftCodec);
    };
  }

  static byte[] decompress(CompressionCodecName codec, byte[] in, int size) throws IOException {
    return switch (codec) {
      case UNCOMPRESSED -> decompress(Codec.NONE, in, size);
      case ZSTD -> decompress(Codec.ZSTD, in, size);
      case SNAPPY -> decompress(Codec.SNAPPY, in, size);
      case GZIP -> decompress(Codec.GZIP, in, size);
      default -> throw new IOException("unsupported Parquet compression " + codec);
    };
  }

  /**
   * The codecs read here, named without parquet-java's enumeration (which a lookup need not load).
   */
  private enum Codec {
    NONE,
    SNAPPY,
    GZIP,
    ZSTD
  }

  private static byte[] decompress(Codec codec, byte[] in, int size) throws IOException {
    byte[] out;
    switch (codec) {
      case NONE:
        out = in;
        break;
      case ZSTD:
        out = new byte[size];
        int n;
        try {
          n = DECOMPRESS.get().decompressByteArray(out, 0, size, in, 0, in.length);
        } catch (ZstdException e) {
          throw new IOException("corrupt zstd page: " + e.getMessage(), e);
        }
        if (n != size) {
          throw new IOException("corrupt zstd page: " + n + " bytes");
        }
        break;
      case SNAPPY:
        out = Snappy.uncompress(in);
        break;
      case GZIP:
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
          out = gz.readNBytes(size);
        }
        break;
      default:
        throw new AssertionError(codec);
    }
    if (out.length != size) {
      throw new IOException("page decompressed to " + out.length + " bytes, expected " + size);
    }
    return out;
  }

  private static final class Compressor implements BytesInputCompressor {
    private final CompressionCodecName codec;

    Compressor(CompressionCodecName codec) {
      this.codec = codec;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      return BytesInput.from(Codecs.compress(codec, bytes.toByteArray()));
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codec;
    }

    @Override
    public void release() {}
  }

  private static final class Decompressor implements BytesInputDecompressor {
    private final CompressionCodecName codec;

    Decompressor(CompressionCodecName codec) {
      this.codec = codec;
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
      return BytesInput.from(Codecs.decompress(codec, bytes.toByteArray(), uncompressedSize));
    }

    @Override
    public void decompress(
        ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
        throws IOException {
      byte[] in = new byte[compressedSize];
      input.get(in);
      output.put(Codecs.decompress(codec, in, uncompressedSize));
    }

    @Override
    public void release() {}
  }
}
