package io.refzarr.combine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.refs.Reference;
import io.refzarr.source.TargetNotAllowedException;
import io.refzarr.testing.RangeHttpServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The combine obeys the allow-list of its spec's configuration: a coordinate kept in a target
 * outside it is refused with {@link TargetNotAllowedException} and never requested.
 */
class AllowedTargetsCombineTest {
  @TempDir Path dir;

  private static CombineInput timeInFile(String name, String target) {
    return new Synthetic(name)
        .coord("time", Map.of("units", "days since 2000-01-01"), 0)
        .put("time/0", Reference.range(target, 0, 8))
        .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
        .input();
  }

  @Test
  void combine_coordinateOutsideTheAllowList_isRefusedWithoutARequest() throws IOException {
    byte[] five = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(5).array();
    Files.write(dir.resolve("t1.bin"), five);
    Files.write(dir.resolve("t2.bin"), five);
    try (RangeHttpServer server = RangeHttpServer.serve(dir)) {
      CombineSpec spec =
          CombineSpec.builder()
              .concatDims("time")
              .targets(ReferenceFileSystemConfig.builder().allowTarget(dir + "/allowed/").build())
              .build();
      List<CombineInput> inputs =
          List.of(
              timeInFile("a.nc", dir.resolve("t1.bin").toString()),
              timeInFile("b.nc", server.base() + "t2.bin"));

      assertThatThrownBy(() -> Combiner.combine(inputs, spec))
          .satisfies(
              e -> {
                Throwable c = e;
                while (c != null && !(c instanceof TargetNotAllowedException)) {
                  c = c.getCause();
                }
                assertThat(c).as("a TargetNotAllowedException among the causes").isNotNull();
                assertThat(c.getMessage()).contains("time/0");
              });
      assertThat(server.requests()).isZero();
    }
  }
}
