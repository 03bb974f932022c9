package io.refzarr.scan.netcdf3;

import io.refzarr.scan.MalformedFileException;
import io.refzarr.source.ByteRangeReader;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;

/**
 * The bytes of the file being scanned, read through a {@link ByteRangeReader}: the header is read
 * with a growing read-ahead from offset 0 (one request for any ordinary header), other ranges on
 * demand. Every request and byte is counted for the scan report. Reads past the file's end fail
 * with a {@link MalformedFileException} naming what was being read, before anything is allocated.
 */
final class FileBytes {
  /** The first read: covers the header of nearly every file in one request. */
  static final int READ_AHEAD = 8192;

  /** Headers larger than this are refused rather than buffered. */
  static final long MAX_HEADER = 256L << 20;

  private final ByteRangeReader reader;
  private final URI location;
  private final String name;
  private final long size;
  private ByteBuffer head = ByteBuffer.allocate(0);
  private long requests;
  private long bytesRead;

  FileBytes(ByteRangeReader reader, URI location, String name, long size) {
    this.reader = reader;
    this.location = location;
    this.name = name;
    this.size = size;
  }

  /** Opens a file, asking the source for its size (one request). */
  static FileBytes open(ByteRangeReader reader, URI location, String name) throws IOException {
    long size = reader.size(location);
    FileBytes f = new FileBytes(reader, location, name, size);
    f.requests++;
    return f;
  }

  String name() {
    return name;
  }

  long size() {
    return size;
  }

  long requests() {
    return requests;
  }

  long bytesRead() {
    return bytesRead;
  }

  /**
   * The header buffer holding at least bytes {@code [0, from + length)}, read ahead as needed;
   * callers read it with absolute gets.
   *
   * @param what what is being read at {@code from}, for the error message
   */
  ByteBuffer header(long from, long length, String what) throws IOException {
    if (length > size - from) {
      throw new MalformedFileException(
          name,
          from,
          "truncated header: "
              + what
              + " needs "
              + length
              + " bytes from here, but the file has only "
              + size
              + " bytes");
    }
    long end = from + length;
    if (end <= head.limit()) {
      return head;
    }
    if (end > MAX_HEADER) {
      throw new MalformedFileException(
          name,
          from,
          what
              + " would make the header larger than "
              + MAX_HEADER
              + " bytes; refusing to buffer it");
    }
    long want =
        Math.min(
            size, Math.min(MAX_HEADER, Math.max(end, Math.max(READ_AHEAD, 2L * head.limit()))));
    ByteBuffer grown = ByteBuffer.allocate((int) want);
    grown.put(head.duplicate().position(0));
    read(head.limit(), grown);
    grown.flip();
    head = grown;
    return head;
  }

  /**
   * Bytes {@code [offset, offset + length)} of the file, from the header buffer when it holds them.
   */
  byte[] bytes(long offset, int length) throws IOException {
    byte[] out = new byte[length];
    if (offset + length <= head.limit()) {
      head.get((int) offset, out);
      return out;
    }
    read(offset, ByteBuffer.wrap(out));
    return out;
  }

  private void read(long offset, ByteBuffer dst) throws IOException {
    requests++;
    bytesRead += dst.remaining();
    reader.read(location, offset, dst);
  }
}
