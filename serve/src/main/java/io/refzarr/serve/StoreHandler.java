package io.refzarr.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers GET and HEAD for the keys and directories under one root. A key's bytes are read before
 * the status line is sent (up to {@link #FIRST_PART}; a failure there is a clean 502); a failure
 * after that aborts the response, so a client sees a short body and an error, never wrong bytes.
 */
final class StoreHandler implements HttpHandler {
  /**
   * Bytes read before the headers go out: a Zarr chunk or a metadata key is almost always smaller.
   */
  static final int FIRST_PART = 8 << 20;

  private static final int STREAM_PART = 1 << 20;

  private final Path root;
  private final ConsolidatedMetadataCache zmetadata;
  private final Consumer<String> log;

  StoreHandler(Path root, Consumer<String> log) {
    this.root = root;
    this.zmetadata = new ConsolidatedMetadataCache(root);
    this.log = log;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        sendEmpty(ex, 405);
        return;
      }
      Optional<String> key = Urls.key(ex.getRequestURI());
      if (key.isEmpty()) {
        sendEmpty(ex, 404);
        return;
      }
      answer(ex, key.get());
    }
  }

  private void answer(HttpExchange ex, String key) throws IOException {
    Path path;
    try {
      path = key.isEmpty() ? root : root.resolve(key);
    } catch (InvalidPathException e) { // a NUL, say: no key has that name
      sendEmpty(ex, 404);
      return;
    }
    try {
      if (key.equals(ZarrKeys.ZMETADATA) && Files.notExists(path)) {
        sendBytes(ex, zmetadata.get(), "application/json");
        return;
      }
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (attributes.isDirectory()) {
        String urlPath = key.isEmpty() ? "/" : "/" + key + "/";
        sendBytes(ex, DirectoryListing.html(path, urlPath), "text/html; charset=utf-8");
      } else {
        sendKey(ex, key, path, attributes.size());
      }
    } catch (NoSuchFileException e) {
      sendEmpty(ex, 404);
    } catch (AbortedResponse e) {
      throw e; // the status line is out: closing the connection is all that is left
    } catch (IOException | RuntimeException e) {
      // an unreadable target (or a broken set) must not look like a missing key
      log.accept(ex.getRequestMethod() + " /" + key + ": 502: key " + key + ": " + describe(e));
      sendText(ex, 502, "cannot read key " + key + ": " + describe(e) + "\n");
    }
  }

  private void sendKey(HttpExchange ex, String key, Path path, long size) throws IOException {
    ByteRange.Request request = ByteRange.parse(ex.getRequestHeaders().getFirst("Range"), size);
    Headers headers = ex.getResponseHeaders();
    headers.set("Accept-Ranges", "bytes");
    if (request instanceof ByteRange.Unsatisfiable) {
      headers.set("Content-Range", "bytes */" + size);
      sendEmpty(ex, 416);
      return;
    }
    ByteRange range = request instanceof ByteRange.Partial p ? p.range() : new ByteRange(0, size);
    int status = request instanceof ByteRange.Partial ? 206 : 200;
    if (status == 206) {
      headers.set("Content-Range", range.contentRange(size));
    }
    headers.set("Content-Type", contentType(key));
    if (ex.getRequestMethod().equals("HEAD")) {
      headers.set("Content-Length", Long.toString(range.length()));
      ex.sendResponseHeaders(status, -1);
      return;
    }
    try (SeekableByteChannel ch = Files.newByteChannel(path)) {
      ch.position(range.start());
      ByteBuffer first = readFully(ch, (int) Math.min(range.length(), FIRST_PART));
      ex.sendResponseHeaders(status, range.length() == 0 ? -1 : range.length());
      OutputStream body = ex.getResponseBody();
      send(body, first, key);
      streamRest(ex, key, ch, range.length() - first.limit(), body);
    }
  }

  /**
   * The rest of a key after its first part: a target failing now can only cut the response short.
   */
  private void streamRest(
      HttpExchange ex, String key, SeekableByteChannel ch, long remaining, OutputStream body)
      throws IOException {
    while (remaining > 0) {
      ByteBuffer part;
      try {
        part = readFully(ch, (int) Math.min(remaining, STREAM_PART));
      } catch (IOException | RuntimeException e) {
        log.accept(ex.getRequestMethod() + " /" + key + ": response cut short: " + describe(e));
        throw new AbortedResponse(key, e);
      }
      send(body, part, key);
      remaining -= part.limit();
    }
  }

  /** Writes to a client; one that went away is no error of the store, so nothing is logged. */
  private static void send(OutputStream body, ByteBuffer bytes, String key) throws AbortedResponse {
    try {
      body.write(bytes.array(), 0, bytes.limit());
    } catch (IOException e) {
      throw new AbortedResponse(key, e);
    }
  }

  private static ByteBuffer readFully(SeekableByteChannel ch, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    while (buf.hasRemaining()) {
      if (ch.read(buf) <= 0) { // blocking channels read at least a byte until the end
        throw new IOException("key ended " + buf.remaining() + " bytes early");
      }
    }
    return buf.flip();
  }

  private static String contentType(String key) {
    return ZarrKeys.isMetadataName(ZarrKeys.name(key))
        ? "application/json"
        : "application/octet-stream";
  }

  private static void sendBytes(HttpExchange ex, byte[] bytes, String contentType)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
      ex.sendResponseHeaders(200, -1);
      return;
    }
    ex.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
    send(ex.getResponseBody(), ByteBuffer.wrap(bytes), ex.getRequestURI().getPath());
  }

  private static void sendText(HttpExchange ex, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      ex.getResponseBody().write(bytes);
    }
  }

  private static void sendEmpty(HttpExchange ex, int status) throws IOException {
    ex.sendResponseHeaders(status, -1);
  }

  private static String describe(Throwable e) {
    String msg = e.getMessage();
    return msg == null ? e.getClass().getName() : msg;
  }

  /** A response that failed after its status line was sent. */
  private static final class AbortedResponse extends IOException {
    private static final long serialVersionUID = 1L;

    AbortedResponse(String key, Throwable cause) {
      super("response for key " + key + " aborted", cause);
    }
  }
}
