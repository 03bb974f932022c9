package io.refzarr.testing;

import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.ByteRangeReaderProvider;
import io.refzarr.source.SourceContext;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte source that counts the reads and bytes passing through to another one, so tests can assert
 * I/O behaviour ("neighbouring chunks cost one request"). Register it with {@code
 * ReferenceFileSystemConfig.builder().sourceProvider(tracking.provider("file"))}.
 */
public final class TrackingByteRangeReader implements ByteRangeReader {
  /** One read: target, offset, length. */
  public record Read(URI target, long offset, int length) {}

  private final ByteRangeReader delegate;
  private final boolean remote;
  private final AtomicLong bytes = new AtomicLong();
  private final List<Read> reads = new CopyOnWriteArrayList<>();

  /**
   * @param delegate where the bytes come from
   * @param remote what to answer for {@link #isRemote()}: true makes the file system coalesce and
   *     cache as it does for HTTP
   */
  public TrackingByteRangeReader(ByteRangeReader delegate, boolean remote) {
    this.delegate = delegate;
    this.remote = remote;
  }

  @Override
  public void read(URI target, long offset, ByteBuffer dst) throws IOException {
    reads.add(new Read(target, offset, dst.remaining()));
    bytes.addAndGet(dst.remaining());
    delegate.read(target, offset, dst);
  }

  @Override
  public long size(URI target) throws IOException {
    return delegate.size(target);
  }

  @Override
  public boolean isRemote() {
    return remote;
  }

  /** The number of reads so far. */
  public int requests() {
    return reads.size();
  }

  /** The bytes read so far. */
  public long bytes() {
    return bytes.get();
  }

  /** Every read so far, in order. */
  public List<Read> reads() {
    return List.copyOf(reads);
  }

  /** Forgets the counts. */
  public void reset() {
    reads.clear();
    bytes.set(0);
  }

  /** A provider handing out this reader for {@code schemes}. */
  public ByteRangeReaderProvider provider(String... schemes) {
    Set<String> s = Set.of(schemes);
    return new ByteRangeReaderProvider() {
      @Override
      public Set<String> schemes() {
        return s;
      }

      @Override
      public ByteRangeReader create(SourceContext context) {
        return TrackingByteRangeReader.this;
      }
    };
  }
}
