package io.refzarr.testing;

import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.ByteRangeReaderProvider;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.source.SourceContext;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * Bytes in memory as the one target of a {@code mem:} URL, for fuzz tests that feed arbitrary bytes
 * to readers of files (scanners, archive indexes, record files) without touching the disk.
 */
public final class MemorySource implements ByteRangeReader {
  /** The URL the bytes are read at. */
  public static final URI URL = URI.create("mem:/input");

  private final byte[] bytes;

  public MemorySource(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A registry of byte sources that reads {@link #URL} from {@code bytes}. */
  public static ByteRangeReaders registry(byte[] bytes) {
    MemorySource source = new MemorySource(bytes);
    return ByteRangeReaders.create(Map.of())
        .register(
            new ByteRangeReaderProvider() {
              @Override
              public Set<String> schemes() {
                return Set.of("mem");
              }

              @Override
              public ByteRangeReader create(SourceContext context) {
                return source;
              }
            });
  }

  @Override
  public void read(URI target, long offset, ByteBuffer dst) throws IOException {
    if (offset < 0 || offset > bytes.length - dst.remaining()) {
      throw new EOFException(
          target
              + " has "
              + bytes.length
              + " bytes; cannot read "
              + dst.remaining()
              + " at "
              + offset);
    }
    dst.put(bytes, (int) offset, dst.remaining());
  }

  @Override
  public long size(URI target) {
    return bytes.length;
  }

  @Override
  public void close() {}
}
