package io.refzarr.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only channel over one key. Reads always fill the caller's buffer up to the end of the
 * data: readers such as jhdf and zarr-java issue one read and assume it is complete. Shared locks
 * succeed as no-ops (nothing ever writes); {@code map} is unsupported.
 */
final class ReferenceFileChannel extends FileChannel {
  private final KeyContent content;
  private final Runnable onClose;
  private long position;

  ReferenceFileChannel(KeyContent content, Runnable onClose) {
    this.content = content;
    this.onClose = onClose;
  }

  @Override
  public synchronized int read(ByteBuffer dst) throws IOException {
    int n = read(dst, position);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public synchronized long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    ensureOpen();
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      int n = read(dsts[i]);
      if (n < 0) {
        return total == 0 ? -1 : total;
      }
      total += n;
      if (dsts[i].hasRemaining()) {
        break;
      }
    }
    return total;
  }

  @Override
  public int read(ByteBuffer dst, long pos) throws IOException {
    ensureOpen();
    if (pos < 0) {
      throw new IllegalArgumentException("negative position " + pos);
    }
    if (pos >= content.size()) {
      return -1;
    }
    int before = dst.position();
    content.read(pos, dst);
    return dst.position() - before;
  }

  @Override
  public synchronized long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public synchronized FileChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return content.size();
  }

  @Override
  public long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
    ensureOpen();
    long size = content.size();
    long end = Math.min(size, pos + count);
    long done = 0;
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(0, end - pos)));
    while (pos + done < end) {
      buf.clear().limit((int) Math.min(buf.capacity(), end - pos - done));
      content.read(pos + done, buf);
      buf.flip();
      while (buf.hasRemaining()) {
        done += target.write(buf);
      }
    }
    return done;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    throw new NonWritableChannelException();
  }

  @Override
  public int write(ByteBuffer src, long pos) {
    throw new NonWritableChannelException();
  }

  @Override
  public FileChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long pos, long count) {
    throw new NonWritableChannelException();
  }

  @Override
  public void force(boolean metaData) throws IOException {
    ensureOpen();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long pos, long size) {
    throw new UnsupportedOperationException(
        "memory mapping a reference is not supported; read it instead");
  }

  @Override
  public FileLock lock(long pos, long size, boolean shared) throws IOException {
    return tryLock(pos, size, shared);
  }

  @Override
  public FileLock tryLock(long pos, long size, boolean shared) throws IOException {
    ensureOpen();
    if (!shared) {
      throw new NonWritableChannelException(); // as for any channel opened for reading only
    }
    return new FileLock(this, pos, size, true) {
      private volatile boolean valid = true;

      @Override
      public boolean isValid() {
        return valid && channel().isOpen();
      }

      @Override
      public void release() {
        valid = false;
      }
    };
  }

  @Override
  protected void implCloseChannel() {
    onClose.run();
  }

  private void ensureOpen() throws IOException {
    if (!isOpen()) {
      throw new java.nio.channels.ClosedChannelException();
    }
  }
}
