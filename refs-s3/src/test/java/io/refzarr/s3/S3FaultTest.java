package io.refzarr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The S3 source through the real SDK, with faults injected between it and s3proxy. */
class S3FaultTest {
  private static final String FILE = "nc4_cf.nc";
  private static LocalS3 s3;
  private static FaultyFront front;
  private static byte[] original;
  private ByteRangeReaders registry;
  private ByteRangeReader reader;
  private final URI uri = URI.create("s3://faults/" + FILE);

  @BeforeAll
  static void start() throws Exception {
    s3 = new LocalS3();
    original = Corpus.bytes(FILE);
    s3.createBucket("faults");
    s3.put("faults", FILE, original);
    front = new FaultyFront(s3.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    front.close();
    s3.close();
  }

  @BeforeEach
  void open() throws IOException {
    registry = ByteRangeReaders.create(LocalS3.options(front.endpoint()));
    reader = registry.forTarget(uri);
  }

  @AfterEach
  void close() throws IOException {
    registry.close();
  }

  private byte[] read(long offset, int length) throws IOException {
    return reader.read(uri, offset, length).array();
  }

  private static byte[] expected(int offset, int length) {
    return Arrays.copyOfRange(original, offset, offset + length);
  }

  @Test
  void read_after500s_sdkRetriesAndReturnsTheBytes() throws IOException {
    front.failNext(2, FaultyFront.Fault.STATUS_500);
    int before = front.gets();
    assertThat(read(100, 2000)).isEqualTo(expected(100, 2000));
    assertThat(front.gets() - before).isEqualTo(3);
  }

  @Test
  void read_403_isNotRetried() {
    front.failNext(1, FaultyFront.Fault.STATUS_403);
    int before = front.gets();
    assertThatThrownBy(() -> read(100, 2000))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("403");
    assertThat(front.gets() - before).isEqualTo(1);
  }

  @Test
  void read_wrongContentRange_isRetried() throws IOException {
    front.failNext(1, FaultyFront.Fault.WRONG_CONTENT_RANGE);
    assertThat(read(100, 2000)).isEqualTo(expected(100, 2000));
  }

  @Test
  void read_truncatedBody_isRetried() throws IOException {
    front.failNext(1, FaultyFront.Fault.TRUNCATED_BODY);
    assertThat(read(100, 2000)).isEqualTo(expected(100, 2000));
  }

  @Test
  void read_resetMidBody_isRetried() throws IOException {
    front.failNext(1, FaultyFront.Fault.RESET_MID_BODY);
    assertThat(read(100, 20_000)).isEqualTo(expected(100, 20_000));
  }

  @Test
  void read_truncatedEveryTime_failsAfterMaxAttempts() {
    front.failNext(4, FaultyFront.Fault.TRUNCATED_BODY);
    assertThatThrownBy(() -> read(100, 2000))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("after 4 attempts")
        .hasMessageContaining("truncated");
  }
}
