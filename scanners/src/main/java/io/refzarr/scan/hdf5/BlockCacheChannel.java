package io.refzarr.scan.hdf5;

import io.refzarr.source.ByteRangeReader;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read-only channel over one target of a {@link ByteRangeReader}, reading aligned blocks and
 * keeping the most recently used ones, so that jhdf's many small header and index reads cost few
 * requests. Every read fills the caller's buffer completely up to the end of the file (jhdf relies
 * on that). Counts requests and bytes fetched from the source. Not thread-safe (jhdf serialises its
 * reads).
 */
final class BlockCacheChannel implements SeekableByteChannel {
  private final ByteRangeReader reader;
  private final URI target;
  private final long size;
  private final int blockSize;
  private final Map<Long, byte[]> blocks;
  private long position;
  private long requests;
  private long bytesRead;
  private boolean open = true;

  /**
   * @param blockSize bytes per request (a power of two is not required)
   * @param maxBlocks blocks kept in memory
   */
  BlockCacheChannel(ByteRangeReader reader, URI target, long size, int blockSize, int maxBlocks) {
    if (blockSize <= 0 || maxBlocks <= 0) {
      throw new IllegalArgumentException("blockSize and maxBlocks must be positive");
    }
    this.reader = reader;
    this.target = target;
    this.size = size;
    this.blockSize = blockSize;
    this.blocks =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > maxBlocks;
          }
        };
  }

  /** Reads {@code dst.remaining()} bytes at {@code offset} (fewer only at the end of the file). */
  int readAt(ByteBuffer dst, long offset) throws IOException {
    ensureOpen();
    if (offset >= size) {
      return -1;
    }
    int start = dst.position();
    long pos = offset;
    while (dst.hasRemaining() && pos < size) {
      long blockNo = pos / blockSize;
      byte[] block = block(blockNo);
      int within = (int) (pos - blockNo * blockSize);
      int n = Math.min(dst.remaining(), block.length - within);
      dst.put(block, within, n);
      pos += n;
    }
    return dst.position() - start;
  }

  private byte[] block(long blockNo) throws IOException {
    byte[] block = blocks.get(blockNo);
    if (block == null) {
      long start = blockNo * blockSize;
      int len = (int) Math.min(blockSize, size - start);
      ByteBuffer buf = ByteBuffer.allocate(len);
      reader.read(target, start, buf);
      requests++;
      bytesRead += len;
      block = buf.array();
      blocks.put(blockNo, block);
    }
    return block;
  }

  long requests() {
    return requests;
  }

  long bytesRead() {
    return bytesRead;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int n = readAt(dst, position);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) {
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long newSize) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
    blocks.clear();
  }

  private void ensureOpen() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
