package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
import io.refzarr.testing.RangeHttpServer.Fault;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP source against a real server on 127.0.0.1, with injected faults. */
class HttpByteRangeReaderTest {
  private static final String FILE = "hdf5_chunkgrid.h5";
  private static RangeHttpServer server;
  private static byte[] original;
  private ByteRangeReader reader;
  private URI uri;

  @BeforeAll
  static void startServer() throws IOException {
    server = RangeHttpServer.serve(Corpus.dir());
    original = Corpus.bytes(FILE);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void openReader() {
    reader = ByteRangeReaders.http(Map.of("http.timeoutMs", 1000, "http.retryBaseDelayMs", 10));
    uri = server.uri(FILE);
  }

  @AfterEach
  void closeReader() throws IOException {
    reader.close();
  }

  private byte[] read(long offset, int length) throws IOException {
    ByteBuffer b = reader.read(uri, offset, length);
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static byte[] expected(long offset, int length) {
    return Arrays.copyOfRange(original, (int) offset, (int) offset + length);
  }

  @Test
  void read_range_returnsTheFilesBytes() throws IOException {
    assertThat(read(1000, 4096)).isEqualTo(expected(1000, 4096));
    assertThat(read(0, 1)).isEqualTo(expected(0, 1));
    assertThat(read(original.length - 7, 7)).isEqualTo(expected(original.length - 7, 7));
  }

  @Test
  void read_callerInterrupted_throwsInterruptedIOExceptionNamingTheRequest_keepsTheFlag() {
    int before = server.gets();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> read(0, 10))
          .isInstanceOf(java.io.InterruptedIOException.class)
          .hasMessageContaining("GET " + uri)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(server.gets() - before).isLessThanOrEqualTo(1); // not retried
  }

  @Test
  void size_headRequest_isTheFileLength() throws IOException {
    assertThat(reader.size(uri)).isEqualTo(original.length);
  }

  @Test
  void read_pastEnd_throwsEofWithoutRetry() {
    int before = server.gets();
    assertThatThrownBy(() -> read(original.length - 10, 20))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("ends at byte " + original.length);
    assertThat(server.gets() - before).isEqualTo(1);
  }

  @Test
  void read_missingTarget_throwsNoSuchFileWithoutRetry() {
    int before = server.requests();
    assertThatThrownBy(() -> reader.read(server.uri("nope.h5"), 0, 10))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(server.requests() - before).isEqualTo(1);
  }

  @Test
  void read_404FromFault_isNotRetried() {
    server.failNext(1, Fault.STATUS_404);
    int before = server.gets();
    assertThatThrownBy(() -> read(0, 10)).isInstanceOf(NoSuchFileException.class);
    assertThat(server.gets() - before).isEqualTo(1);
  }

  @Test
  void read_403_isNotRetried() {
    server.failNext(1, Fault.STATUS_403);
    int before = server.gets();
    assertThatThrownBy(() -> read(0, 10))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 403");
    assertThat(server.gets() - before).isEqualTo(1);
  }

  @Test
  void read_after429_retriesAndReturnsTheBytes() throws IOException {
    server.failNext(1, Fault.STATUS_429);
    int before = server.gets();
    assertThat(read(700, 64)).isEqualTo(expected(700, 64));
    assertThat(server.gets() - before).isEqualTo(2);
  }

  @Test
  void read_after500_retriesAndReturnsTheBytes() throws IOException {
    server.failNext(2, Fault.STATUS_500);
    int before = server.gets();
    assertThat(read(5000, 640)).isEqualTo(expected(5000, 640));
    assertThat(server.gets() - before).isEqualTo(3);
  }

  @Test
  void read_after503WithRetryAfter_waitsAndReturnsTheBytes() throws IOException {
    server.failNext(1, Fault.STATUS_503_RETRY_AFTER);
    assertThat(read(5000, 640)).isEqualTo(expected(5000, 640));
  }

  @Test
  void read_resetMidBody_retriesAndReturnsTheBytes() throws IOException {
    server.failNext(1, Fault.RESET_MID_BODY);
    assertThat(read(100, 50_000)).isEqualTo(expected(100, 50_000));
  }

  @Test
  void read_truncatedBody_retriesAndReturnsTheBytes() throws IOException {
    server.failNext(1, Fault.TRUNCATED_BODY);
    assertThat(read(100, 50_000)).isEqualTo(expected(100, 50_000));
  }

  @Test
  void read_wrongContentRange_retriesAndReturnsTheBytes() throws IOException {
    server.failNext(1, Fault.WRONG_CONTENT_RANGE);
    assertThat(read(100, 640)).isEqualTo(expected(100, 640));
  }

  @Test
  void read_stallPastTimeout_timesOutThenRetries() throws IOException {
    server.failNext(1, Fault.STALL);
    assertThat(read(100, 50_000)).isEqualTo(expected(100, 50_000));
  }

  @Test
  void read_truncatedEveryTime_failsAfterMaxAttemptsNamingTheProblem() {
    server.failNext(4, Fault.TRUNCATED_BODY);
    assertThatThrownBy(() -> read(100, 640))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("after 4 attempts")
        .hasMessageContaining("truncated body")
        .hasRootCauseInstanceOf(RetryableException.class);
  }

  @Test
  void read_serverIgnoresRange_failsWithoutWrongBytes() {
    server.failNext(1, Fault.IGNORE_RANGE);
    int before = server.gets();
    assertThatThrownBy(() -> read(100, 640))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ignored the Range");
    assertThat(server.gets() - before).isEqualTo(1);
  }

  @Test
  void read_objectChangedBetweenReads_throwsTargetChanged() throws IOException {
    server.put("changing.bin", new byte[] {1, 2, 3, 4});
    URI changing = server.uri("changing.bin");
    assertThat(reader.read(changing, 0, 4).array()).containsExactly(1, 2, 3, 4);
    server.put("changing.bin", new byte[] {5, 6, 7, 8});
    assertThatThrownBy(() -> reader.read(changing, 0, 4))
        .isInstanceOf(TargetChangedException.class)
        .hasMessageContaining("changed");
  }

  @Test
  void read_customHeaders_areSent() throws IOException {
    try (ByteRangeReader r =
        ByteRangeReaders.http(Map.of("http.headers", Map.of("X-Refzarr-Test", "42")))) {
      assertThat(r.read(uri, 0, 8).remaining()).isEqualTo(8);
    }
    assertThat(server.lastHeader("X-Refzarr-Test")).isEqualTo("42");
  }
}
