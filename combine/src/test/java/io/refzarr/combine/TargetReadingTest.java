package io.refzarr.combine;

import static io.refzarr.combine.Synthetic.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.source.ReferenceNotReachableException;
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
 * How the combine reads the targets of its inputs (coordinates kept in files, small chunks to
 * inline): as the spec's {@link ReferenceFileSystemConfig} says, and with an unreachable target
 * reported as a {@link ReferenceNotReachableException} naming the input's key and the target.
 */
class TargetReadingTest {
  @TempDir Path dir;

  /** An input whose time coordinate is the 8 bytes of {@code target} rather than inline. */
  private static CombineInput timeInFile(String name, String target) {
    return new Synthetic(name)
        .coord("time", Map.of("units", "days since 2000-01-01"), 0)
        .put("time/0", Reference.range(target, 0, 8))
        .variable("tas", List.of("time", "x"), new long[] {1, 3}, new long[] {1, 3})
        .input();
  }

  private static byte[] littleEndian(double v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array();
  }

  private static ReferenceNotReachableException unreachable(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ReferenceNotReachableException r) {
        return r;
      }
    }
    throw new AssertionError("no ReferenceNotReachableException in the causes of " + e, e);
  }

  @Test
  void combine_coordinateInARelativeTarget_readUnderTheConfiguredRoot() throws IOException {
    Files.write(dir.resolve("t1.bin"), littleEndian(5));
    Files.write(dir.resolve("t2.bin"), littleEndian(7));
    CombineSpec spec =
        CombineSpec.builder()
            .concatDims("time")
            .targets(ReferenceFileSystemConfig.builder().root(dir).build())
            .build();

    ReferenceSet out =
        Combiner.combine(List.of(timeInFile("b.nc", "t2.bin"), timeInFile("a.nc", "t1.bin")), spec);

    assertThat(doubles(out, "time/0")).containsExactly(5, 7);
  }

  @Test
  void combine_coordinateTargetWithoutProtocol_readWithTheConfiguredRemoteProtocol()
      throws IOException {
    Files.write(dir.resolve("t1.bin"), littleEndian(5));
    Files.write(dir.resolve("t2.bin"), littleEndian(7));
    try (RangeHttpServer server = RangeHttpServer.serve(dir)) {
      String hostPort = server.base().substring("http://".length());
      CombineSpec spec =
          CombineSpec.builder()
              .concatDims("time")
              .targets(ReferenceFileSystemConfig.builder().remoteProtocol("http").build())
              .build();

      ReferenceSet out =
          Combiner.combine(
              List.of(
                  timeInFile("a.nc", hostPort + "t1.bin"), timeInFile("b.nc", hostPort + "t2.bin")),
              spec);

      assertThat(doubles(out, "time/0")).containsExactly(5, 7);
      assertThat(server.gets()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void combine_unreachableCoordinateTarget_refusedNamingInputKeyAndTarget() throws IOException {
    Files.write(dir.resolve("t1.bin"), littleEndian(5));
    CombineSpec spec =
        CombineSpec.builder()
            .concatDims("time")
            .targets(ReferenceFileSystemConfig.builder().root(dir).build())
            .build();

    assertThatThrownBy(
            () ->
                Combiner.combine(
                    List.of(timeInFile("a.nc", "t1.bin"), timeInFile("b.nc", "missing.bin")), spec))
        .isInstanceOfSatisfying(
            CombineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(CombineException.Reason.UNREADABLE);
              assertThat(e.inputs()).containsExactly("b.nc");
              ReferenceNotReachableException r = unreachable(e);
              assertThat(r.getFile()).isEqualTo("time/0");
              assertThat(r.getOtherFile()).isEqualTo("missing.bin");
            });
  }

  @Test
  void combine_unreachableChunkToInline_throwsNotReachableNamingKeyAndTarget() {
    CombineSpec spec =
        CombineSpec.builder()
            .concatDims("time")
            .inlineThreshold(601)
            .targets(ReferenceFileSystemConfig.builder().root(dir).build())
            .build();

    assertThatThrownBy(
            () ->
                Combiner.combine(
                    List.of(Synthetic.series("a.bin", 1, 0), Synthetic.series("b.bin", 1, 1)),
                    spec))
        .isInstanceOf(ReferenceNotReachableException.class)
        .satisfies(
            e -> {
              ReferenceNotReachableException r = unreachable(e);
              assertThat(r.getFile()).isEqualTo("tas/0.0");
              assertThat(r.getOtherFile()).isIn("a.bin", "b.bin");
            });
  }
}
