package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP source over TLS, against a server on 127.0.0.1 with a self-signed certificate. */
class HttpsByteRangeReaderTest {
  private static final String FILE = "nc4_cf.nc";
  @TempDir static Path dir;
  private static RangeHttpServer https;

  @BeforeAll
  static void start() throws IOException {
    https = RangeHttpServer.serveHttps(Corpus.dir(), dir);
  }

  @AfterAll
  static void stop() {
    https.close();
  }

  @Test
  void read_trustedCertificate_returnsTheFilesBytes() throws IOException {
    byte[] original = Corpus.bytes(FILE);
    try (ByteRangeReader r = ByteRangeReaders.http(Map.of("http.sslContext", https.sslContext()))) {
      URI u = https.uri(FILE);
      assertThat(u.getScheme()).isEqualTo("https");
      assertThat(r.size(u)).isEqualTo(original.length);
      assertThat(r.read(u, 2000, 3000).array()).isEqualTo(Arrays.copyOfRange(original, 2000, 5000));
    }
  }

  @Test
  void read_untrustedCertificate_failsAtOnceNamingTheCertificate() throws IOException {
    try (ByteRangeReader r = ByteRangeReaders.http(Map.of())) {
      assertThatThrownBy(() -> r.read(https.uri(FILE), 0, 10))
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class)
          .hasMessageNotContaining("attempts");
    }
  }
}
