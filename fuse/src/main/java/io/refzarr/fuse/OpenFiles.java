package io.refzarr.fuse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The channels behind FUSE file handles. FUSE reads one handle from several threads at once, so
 * reads are positional: {@code FileChannel.read(dst, position)} where the path's provider gives a
 * file channel (the {@code reference} file system does), else position-and-read under the channel's
 * lock.
 */
final class OpenFiles implements AutoCloseable {
  private final Map<Long, SeekableByteChannel> open = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong(1);

  /** Opens {@code path} for reading and returns its handle. */
  long open(Path path) throws IOException {
    SeekableByteChannel ch;
    try {
      ch = FileChannel.open(path);
    } catch (UnsupportedOperationException e) {
      ch = Files.newByteChannel(path);
    }
    long handle = next.getAndIncrement();
    open.put(handle, ch);
    return handle;
  }

  /**
   * Reads up to {@code dst.remaining()} bytes at {@code position} (fewer only at the end of the
   * file).
   *
   * @return the bytes read, 0 at or past the end
   */
  int read(long handle, ByteBuffer dst, long position) throws IOException {
    SeekableByteChannel ch = channel(handle);
    int start = dst.position();
    if (ch instanceof FileChannel fc) {
      while (dst.hasRemaining() && fc.read(dst, position + dst.position() - start) > 0) {
        // positional reads share no state between FUSE's threads
      }
    } else {
      synchronized (ch) {
        ch.position(position);
        while (dst.hasRemaining() && ch.read(dst) > 0) {
          // fill the buffer: FUSE takes a short read for the end of the file
        }
      }
    }
    return dst.position() - start;
  }

  void close(long handle) throws IOException {
    SeekableByteChannel ch = open.remove(handle);
    if (ch != null) {
      ch.close();
    }
  }

  @Override
  public void close() {
    for (Long handle : open.keySet()) {
      try {
        close(handle);
      } catch (IOException e) {
        // closing: nothing more to do with it
      }
    }
  }

  private SeekableByteChannel channel(long handle) throws IOException {
    return Optional.ofNullable(open.get(handle))
        .orElseThrow(() -> new IOException("no open file with handle " + handle));
  }
}
