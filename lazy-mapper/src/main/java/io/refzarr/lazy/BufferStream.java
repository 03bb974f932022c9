package io.refzarr.lazy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input stream over positional reads, with a small read buffer: parquet-java parses
 * footers and page indexes with Thrift one byte at a time, which would otherwise cost a system call
 * (or an HTTP request) per byte.
 */
abstract class BufferStream extends SeekableInputStream {
  private static final int BUFFER = 8192;

  private final byte[] buffer = new byte[BUFFER];
  private long bufferStart;
  private int bufferLength;
  private long pos;

  /** Reads up to {@code dst.remaining()} bytes at {@code position}; -1 at the end of the file. */
  abstract int readAt(long position, ByteBuffer dst) throws IOException;

  /** A name for messages. */
  abstract String name();

  @Override
  public long getPos() {
    return pos;
  }

  @Override
  public void seek(long newPos) {
    pos = newPos;
  }

  @Override
  public int read() throws IOException {
    if (!buffered() && !fill()) {
      return -1;
    }
    return buffer[(int) (pos++ - bufferStart)] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!buffered() && (len >= BUFFER || !fill())) {
      return read(
          ByteBuffer.wrap(b, off, len)); // large reads bypass the buffer; also reports the end
    }
    int offset = (int) (pos - bufferStart);
    int n = Math.min(len, bufferLength - offset);
    System.arraycopy(buffer, offset, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (!buffered() && dst.remaining() >= BUFFER) {
      int n = readAt(pos, dst);
      pos += Math.max(n, 0);
      return n;
    }
    if (!buffered() && !fill()) {
      return -1;
    }
    int offset = (int) (pos - bufferStart);
    int n = Math.min(dst.remaining(), bufferLength - offset);
    dst.put(buffer, offset, n);
    pos += n;
    return n;
  }

  @Override
  public void readFully(byte[] bytes) throws IOException {
    readFully(ByteBuffer.wrap(bytes));
  }

  @Override
  public void readFully(byte[] bytes, int start, int len) throws IOException {
    readFully(ByteBuffer.wrap(bytes, start, len));
  }

  @Override
  public void readFully(ByteBuffer dst) throws IOException {
    while (dst.hasRemaining()) {
      if (read(dst) < 0) {
        throw new EOFException(
            name()
                + ": unexpected end of file at byte "
                + pos
                + ", "
                + dst.remaining()
                + " bytes missing");
      }
    }
  }

  private boolean buffered() {
    return pos >= bufferStart && pos < bufferStart + bufferLength;
  }

  private boolean fill() throws IOException {
    ByteBuffer b = ByteBuffer.wrap(buffer);
    int n = readAt(pos, b);
    bufferStart = pos;
    bufferLength = Math.max(n, 0);
    return n > 0;
  }
}
