package io.refzarr.source;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads targets through {@code java.nio.file}: local files and any installed file-system provider. Open
 * channels are kept per target (up to a bound) so that reading many chunks of one file opens it once;
 * positional reads on a {@link FileChannel} are safe from many threads at once.
 */
final class NioByteRangeReader implements ByteRangeReader {
  private static final int MAX_OPEN = 128;

  private final Map<URI, SeekableByteChannel> open = new ConcurrentHashMap<>();

  @Override
  public void read(URI target, long offset, ByteBuffer dst) throws IOException {
    try {
      readOnce(target, offset, dst);
    } catch (ClosedByInterruptException e) {
      open.remove(target); // the interrupt closed the shared channel; the next reader reopens it
      throw e;
    } catch (ClosedChannelException e) {
      open.remove(target); // evicted by another thread while in use: reopen once
      readOnce(target, offset, dst);
    }
  }

  private void readOnce(URI target, long offset, ByteBuffer dst) throws IOException {
    SeekableByteChannel ch = channel(target);
    long pos = offset;
    while (dst.hasRemaining()) {
      int n;
      if (ch instanceof FileChannel) {
        n = ((FileChannel) ch).read(dst, pos);
      } else {
        synchronized (ch) {
          ch.position(pos);
          n = ch.read(dst);
        }
      }
      if (n < 0) {
        throw new EOFException("target " + target + " ends at byte " + pos + ", " + dst.remaining()
            + " bytes before the end of the range [" + offset + ", " + (pos + dst.remaining()) + ")");
      }
      pos += n;
    }
  }

  @Override
  public long size(URI target) throws IOException {
    return channel(target).size();
  }

  private SeekableByteChannel channel(URI target) throws IOException {
    SeekableByteChannel ch = open.get(target);
    if (ch != null) {
      return ch;
    }
    Path path = ByteRangeReaders.toPath(target);
    SeekableByteChannel fresh;
    try {
      fresh = FileChannel.open(path, StandardOpenOption.READ);
    } catch (UnsupportedOperationException e) {
      fresh = Files.newByteChannel(path, StandardOpenOption.READ);
    }
    SeekableByteChannel prior = open.putIfAbsent(target, fresh);
    if (prior != null) {
      fresh.close();
      return prior;
    }
    trim();
    return fresh;
  }

  private void trim() {
    if (open.size() <= MAX_OPEN) {
      return;
    }
    Iterator<Map.Entry<URI, SeekableByteChannel>> it = open.entrySet().iterator();
    while (open.size() > MAX_OPEN / 2 && it.hasNext()) {
      closeQuietly(it.next().getValue());
      it.remove();
    }
  }

  @Override
  public void close() {
    open.values().forEach(NioByteRangeReader::closeQuietly);
    open.clear();
  }

  private static void closeQuietly(SeekableByteChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // closing a read-only channel: nothing to lose
    }
  }
}
