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
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads targets through {@code java.nio.file}: local files and any installed file-system provider.
 * Open channels are kept per target (up to a bound) so that reading many chunks of one file opens
 * it once; positional reads on a {@link FileChannel} are safe from many threads at once. A target's
 * size and modification time are pinned when it is first opened and checked on every read, so a
 * file rewritten under a running reader fails with {@link TargetChangedException} instead of
 * returning mixed bytes.
 */
final class NioByteRangeReader implements ByteRangeReader {
  private static final int MAX_OPEN = 128;

  private final Map<URI, Open> open = new ConcurrentHashMap<>();
  private final Map<URI, long[]> pins = new ConcurrentHashMap<>(); // size and mtime (ms) first seen

  /** An open channel and the path it reads. */
  private record Open(SeekableByteChannel channel, Path path) {}

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
    Open o = channel(target);
    SeekableByteChannel ch = o.channel;
    checkIdentity(target, o);
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
        throw new EOFException(
            "target "
                + target
                + " ends at byte "
                + pos
                + ", "
                + dst.remaining()
                + " bytes before the end of the range ["
                + offset
                + ", "
                + (pos + dst.remaining())
                + ")");
      }
      pos += n;
    }
  }

  private void checkIdentity(URI target, Open o) throws IOException {
    long[] now = {o.channel.size(), Files.getLastModifiedTime(o.path).toMillis()};
    long[] pinned = pins.putIfAbsent(target, now);
    if (pinned != null && (pinned[0] != now[0] || pinned[1] != now[1])) {
      throw new TargetChangedException(target.toString(), describe(pinned), describe(now));
    }
  }

  private static String describe(long[] identity) {
    return "size " + identity[0] + ", modified " + FileTime.fromMillis(identity[1]);
  }

  @Override
  public long size(URI target) throws IOException {
    Open o = channel(target);
    checkIdentity(target, o);
    return o.channel.size();
  }

  @Override
  public boolean isRemote() {
    return false;
  }

  private Open channel(URI target) throws IOException {
    Open o = open.get(target);
    if (o != null) {
      return o;
    }
    Path path = ByteRangeReaders.toPath(target);
    SeekableByteChannel fresh;
    try {
      fresh = FileChannel.open(path, StandardOpenOption.READ);
    } catch (UnsupportedOperationException e) {
      fresh = Files.newByteChannel(path, StandardOpenOption.READ);
    }
    Open mine = new Open(fresh, path);
    Open prior = open.putIfAbsent(target, mine);
    if (prior != null) {
      closeQuietly(fresh);
      return prior;
    }
    trim(target);
    return mine;
  }

  /**
   * Closes channels beyond the bound, never the one just opened for {@code keep} (its caller reads
   * it next).
   */
  private void trim(URI keep) {
    if (open.size() <= MAX_OPEN) {
      return;
    }
    Iterator<Map.Entry<URI, Open>> it = open.entrySet().iterator();
    while (open.size() > MAX_OPEN / 2 && it.hasNext()) {
      Map.Entry<URI, Open> e = it.next();
      if (!e.getKey().equals(keep)) {
        closeQuietly(e.getValue().channel);
        it.remove();
      }
    }
  }

  @Override
  public void close() {
    open.values().forEach(o -> closeQuietly(o.channel));
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
