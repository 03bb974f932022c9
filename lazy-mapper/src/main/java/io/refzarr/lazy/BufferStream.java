package io.refzarr.lazy;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet input stream whose array reads all go through its {@link ByteBuffer} reads. */
abstract class BufferStream extends SeekableInputStream {

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return read(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public void readFully(byte[] bytes) throws IOException {
    readFully(ByteBuffer.wrap(bytes));
  }

  @Override
  public void readFully(byte[] bytes, int start, int len) throws IOException {
    readFully(ByteBuffer.wrap(bytes, start, len));
  }
}
