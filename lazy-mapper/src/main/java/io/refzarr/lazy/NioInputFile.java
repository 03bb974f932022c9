package io.refzarr.lazy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over any NIO file system ({@code Files.newByteChannel}), never
 * {@code Path.toFile()}: record files may live on jimfs, zipfs, or a remote NIO provider.
 */
final class NioInputFile implements InputFile {
  private final Path path;
  private long length = -1;

  NioInputFile(Path path) {
    this.path = path;
  }

  @Override
  public long getLength() throws IOException {
    if (length < 0) {
      length = Files.size(path);
    }
    return length;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    return new ChannelStream(Files.newByteChannel(path));
  }

  @Override
  public String toString() {
    return path.toString();
  }

  /** Positional reads that loop until the buffer is full, so a short channel read never truncates data. */
  private static final class ChannelStream extends BufferStream {
    private final SeekableByteChannel channel;

    ChannelStream(SeekableByteChannel channel) {
      this.channel = channel;
    }

    @Override
    public long getPos() throws IOException {
      return channel.position();
    }

    @Override
    public void seek(long newPos) throws IOException {
      channel.position(newPos);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return channel.read(dst);
    }

    @Override
    public void readFully(ByteBuffer dst) throws IOException {
      while (dst.hasRemaining()) {
        if (channel.read(dst) < 0) {
          throw new EOFException("unexpected end of file: " + dst.remaining() + " bytes missing");
        }
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
