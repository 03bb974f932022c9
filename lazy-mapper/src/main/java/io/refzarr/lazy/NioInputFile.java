package io.refzarr.lazy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over any NIO file system ({@code Files.newByteChannel}), never {@code
 * Path.toFile()}: record files may live on jimfs, zipfs, or a remote NIO provider.
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
    SeekableByteChannel channel = Files.newByteChannel(path);
    return new BufferStream() {
      @Override
      int readAt(long position, ByteBuffer dst) throws IOException {
        channel.position(position);
        return channel.read(dst);
      }

      @Override
      String name() {
        return path.toString();
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
