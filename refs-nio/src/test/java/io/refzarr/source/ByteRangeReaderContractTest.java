package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every built-in byte source promises ({@link ByteRangeReader}'s contract), run against local
 * files, HTTP, and tar and zip members on both: ranges equal the original bytes, buffers are filled
 * completely, sizes are exact, reads past the end fail with {@link EOFException}, missing targets
 * with {@link NoSuchFileException}.
 */
class ByteRangeReaderContractTest {
  private static final String FILE = "nc3_classic.nc";
  private static RangeHttpServer server;
  private static byte[] original;

  @BeforeAll
  static void start() throws IOException {
    server = RangeHttpServer.serve(Corpus.dir());
    original = Corpus.bytes(FILE);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The contract, for one way of naming the file and a missing one. */
  abstract static class Contract {
    ByteRangeReaders registry;

    abstract URI target();

    abstract URI missing();

    @BeforeEach
    void open() {
      registry = ByteRangeReaders.create(Map.of("http.retryBaseDelayMs", 1));
    }

    @AfterEach
    void close() throws IOException {
      registry.close();
    }

    ByteRangeReader reader() throws IOException {
      return registry.forTarget(target());
    }

    @Test
    void read_anyRange_equalsTheOriginalBytes() throws IOException {
      for (int[] r :
          new int[][] {{0, 1}, {0, original.length}, {17, 1000}, {original.length - 3, 3}}) {
        ByteBuffer b = reader().read(target(), r[0], r[1]);
        assertThat(b.remaining()).isEqualTo(r[1]);
        byte[] got = new byte[r[1]];
        b.get(got);
        assertThat(got).isEqualTo(Arrays.copyOfRange(original, r[0], r[0] + r[1]));
      }
    }

    @Test
    void read_intoBufferAtPosition_fillsExactlyTheRemaining() throws IOException {
      ByteBuffer dst = ByteBuffer.allocate(100).position(10).limit(60);
      reader().read(target(), 5, dst);
      assertThat(dst.position()).isEqualTo(60);
      assertThat(Arrays.copyOfRange(dst.array(), 10, 60))
          .isEqualTo(Arrays.copyOfRange(original, 5, 55));
      assertThat(Arrays.copyOfRange(dst.array(), 0, 10)).containsOnly(0);
    }

    @Test
    void read_emptyBuffer_readsNothing() throws IOException {
      ByteBuffer dst = ByteBuffer.allocate(0);
      reader().read(target(), 3, dst);
      assertThat(dst.position()).isZero();
    }

    @Test
    void size_target_isTheFileLength() throws IOException {
      assertThat(reader().size(target())).isEqualTo(original.length);
    }

    @Test
    void read_pastTheEnd_throwsEof() {
      assertThatThrownBy(() -> reader().read(target(), original.length - 2, ByteBuffer.allocate(4)))
          .isInstanceOf(EOFException.class);
    }

    @Test
    void read_missingTarget_throwsNoSuchFile() {
      assertThatThrownBy(
              () -> registry.forTarget(missing()).read(missing(), 0, ByteBuffer.allocate(4)))
          .isInstanceOf(NoSuchFileException.class);
    }
  }

  @Nested
  class LocalFile extends Contract {
    @Override
    URI target() {
      return Corpus.file(FILE).toUri();
    }

    @Override
    URI missing() {
      return Corpus.file("absent.nc").toUri();
    }
  }

  @Nested
  class Http extends Contract {
    @Override
    URI target() {
      return server.uri(FILE);
    }

    @Override
    URI missing() {
      return server.uri("absent.nc");
    }
  }

  @Nested
  class TarMemberOfLocalFile extends Contract {
    @Override
    URI target() {
      return new ChainedUrl("tar", FILE, Corpus.file("archives/bundle.tar").toUri()).toUri();
    }

    @Override
    URI missing() {
      return new ChainedUrl("tar", "absent.nc", Corpus.file("archives/bundle.tar").toUri()).toUri();
    }
  }

  @Nested
  class ZipMemberOverHttp extends Contract {
    @Override
    URI target() {
      return new ChainedUrl("zip", FILE, server.uri("archives/bundle.zip")).toUri();
    }

    @Override
    URI missing() {
      return new ChainedUrl("zip", FILE, server.uri("archives/absent.zip")).toUri();
    }
  }
}
