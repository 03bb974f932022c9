package io.refzarr.nio;

import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.ReferenceNotReachableException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;

/**
 * A key whose bytes are a range of a target (or the whole target, sized on first use). Every failure of the
 * target becomes a {@link ReferenceNotReachableException} that names the key and the target, so it can
 * never be mistaken for a missing key.
 */
final class TargetContent implements KeyContent {
  private final String key;
  private final String target;
  private final URI uri;
  private final ByteRangeReader reader;
  private final long offset;
  private volatile long length; // -1 until known for a whole target

  TargetContent(String key, String target, URI uri, ByteRangeReader reader, long offset, long length) {
    this.key = key;
    this.target = target;
    this.uri = uri;
    this.reader = reader;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public long size() throws IOException {
    long len = length;
    if (len < 0) {
      try {
        len = reader.size(uri);
      } catch (IOException e) {
        throw unreachable("cannot get the size of the target", e);
      }
      length = len;
    }
    return len;
  }

  @Override
  public void read(long position, ByteBuffer dst) throws IOException {
    long size = size();
    if (position >= size || !dst.hasRemaining()) {
      return;
    }
    int n = (int) Math.min(dst.remaining(), size - position);
    ByteBuffer slice = dst.slice();
    slice.limit(n);
    try {
      reader.read(uri, offset + position, slice);
    } catch (ClosedByInterruptException | InterruptedIOException e) {
      throw e;
    } catch (EOFException e) {
      throw unreachable("the target is shorter than the reference [" + offset + ", +" + size
          + ") says: " + e.getMessage(), e);
    } catch (IOException e) {
      throw unreachable(e.toString(), e);
    }
    dst.position(dst.position() + n);
  }

  private ReferenceNotReachableException unreachable(String reason, IOException cause) {
    return new ReferenceNotReachableException(key, target.isEmpty() ? uri.toString() : target, reason, cause);
  }
}
