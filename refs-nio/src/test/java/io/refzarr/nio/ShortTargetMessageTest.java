package io.refzarr.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.source.ReferenceNotReachableException;
import io.refzarr.testing.RangeHttpServer;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target shorter than a reference says is reported with the reference's range, not the internal
 * block a small read was served from (issue 16, finding 7).
 */
class ShortTargetMessageTest {
  @TempDir Path dir;

  @Test
  void smallReadPastTheTargetsEnd_messageQuotesTheReferenceRange() throws Exception {
    try (RangeHttpServer server = RangeHttpServer.serve(dir)) {
      server.put("short.bin", new byte[10_000]);
      String url = server.uri("short.bin").toString();
      try (FileSystem fs =
              ReferenceFileSystems.newFileSystem(
                  ReferenceSets.of(Map.of("big", new Reference.Range(url, 100, 1_000_000_000))),
                  ReferenceFileSystemConfig.DEFAULT);
          SeekableByteChannel ch = Files.newByteChannel(fs.getPath("/big"))) {
        ch.position(20_000);

        assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(10)))
            .isInstanceOf(ReferenceNotReachableException.class)
            .hasMessageContaining("big")
            .hasMessageContaining("short.bin")
            .hasMessageContaining("[100, 1000000100)")
            .hasMessageContaining("it has 10000 bytes")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("1048676"));
      }
    }
  }
}
