package io.refzarr.lazy;

import io.refzarr.source.ByteRangeReader;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Where the files of a Parquet reference directory are read from: a directory of any NIO file
 * system, or a base URL read through a refs-nio {@link ByteRangeReader} (HTTP, S3, archive
 * members).
 */
abstract class RecordSource {
  private static final Pattern RECORD = Pattern.compile("refs\\.(0|[1-9][0-9]*)\\.parq");

  /** The whole file at {@code relative} ({@code "tas/refs.0.parq"}). */
  abstract byte[] readAll(String relative) throws IOException;

  /** The file at {@code relative} for parquet-java, or null if there is no such file. */
  abstract InputFile inputFile(String relative) throws IOException;

  /** The full name of {@code relative}, for messages. */
  abstract String describe(String relative);

  /**
   * The numbers of the record files of {@code field} that exist, ascending, or null if this source
   * cannot list a directory (then records are probed one by one).
   */
  abstract long[] recordNumbers(String field) throws IOException;

  static RecordSource of(Path root) {
    return new PathSource(root);
  }

  static RecordSource of(URI base, ByteRangeReader reader) {
    String s = base.toString();
    return new UrlSource(s.endsWith("/") ? base : URI.create(s + "/"), reader);
  }

  private static final class PathSource extends RecordSource {
    private final Path root;

    PathSource(Path root) {
      this.root = root;
    }

    @Override
    byte[] readAll(String relative) throws IOException {
      return Files.readAllBytes(root.resolve(relative));
    }

    @Override
    InputFile inputFile(String relative) {
      Path file = root.resolve(relative);
      return Files.exists(file) ? new NioInputFile(file) : null;
    }

    @Override
    String describe(String relative) {
      return root.resolve(relative).toString();
    }

    @Override
    long[] recordNumbers(String field) throws IOException {
      Path dir = field.isEmpty() ? root : root.resolve(field);
      if (!Files.isDirectory(dir)) {
        return new long[0];
      }
      List<Long> numbers = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path f : files) {
          Matcher m = RECORD.matcher(f.getFileName().toString());
          if (m.matches() && m.group(1).length() <= 19) { // Long.MAX_VALUE has 19 digits
            try {
              numbers.add(Long.parseLong(m.group(1)));
            } catch (NumberFormatException beyondALong) {
              // no chunk can have such a record (nor be asked for)
            }
          }
        }
      }
      return numbers.stream().mapToLong(Long::longValue).sorted().toArray();
    }
  }

  private static final class UrlSource extends RecordSource {
    private final URI base;
    private final ByteRangeReader reader;

    UrlSource(URI base, ByteRangeReader reader) {
      this.base = base;
      this.reader = reader;
    }

    @Override
    byte[] readAll(String relative) throws IOException {
      URI uri = base.resolve(relative);
      long size = reader.size(uri);
      if (size > Integer.MAX_VALUE - 8) {
        throw new IOException(uri + " is too large to read whole: " + size + " bytes");
      }
      return reader.read(uri, 0, (int) size).array();
    }

    @Override
    InputFile inputFile(String relative) throws IOException {
      URI uri = base.resolve(relative);
      try {
        return new RangeInputFile(reader, uri, reader.size(uri));
      } catch (NoSuchFileException e) {
        return null;
      }
    }

    @Override
    String describe(String relative) {
      return base.resolve(relative).toString();
    }

    @Override
    long[] recordNumbers(String field) {
      return null; // HTTP has no directory listing
    }
  }

  /** A Parquet file read by ranged requests; every read fills its buffer or fails. */
  private static final class RangeInputFile implements InputFile {
    private final ByteRangeReader reader;
    private final URI uri;
    private final long length;

    RangeInputFile(ByteRangeReader reader, URI uri, long length) {
      this.reader = reader;
      this.uri = uri;
      this.length = length;
    }

    @Override
    public long getLength() {
      return length;
    }

    @Override
    public SeekableInputStream newStream() {
      return new BufferStream() {
        @Override
        int readAt(long position, ByteBuffer dst) throws IOException {
          int n = (int) Math.min(dst.remaining(), length - position);
          if (n <= 0) {
            return dst.hasRemaining() ? -1 : 0;
          }
          ByteBuffer slice = dst.slice();
          slice.limit(n);
          reader.read(uri, position, slice);
          dst.position(dst.position() + n);
          return n;
        }

        @Override
        String name() {
          return uri.toString();
        }
      };
    }

    @Override
    public String toString() {
      return uri.toString();
    }
  }
}
