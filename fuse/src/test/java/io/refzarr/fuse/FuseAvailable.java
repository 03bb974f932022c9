package io.refzarr.fuse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Skips a mounting test, with the reason, where this machine cannot mount FUSE file systems. */
final class FuseAvailable {
  private static final String LIBFUSE = libfuse();

  private FuseAvailable() {}

  static void assume() {
    assumeTrue(
        Files.exists(Path.of("/dev/fuse")), "/dev/fuse is missing: this machine cannot mount FUSE");
    assumeTrue(LIBFUSE == null, LIBFUSE);
  }

  /** Null when libfuse.so.2 loads, else why not. */
  private static String libfuse() {
    try {
      new ReadOnlyFuse(Path.of("/"), line -> {});
      return null;
    } catch (LinkageError | RuntimeException e) {
      return "libfuse.so.2 does not load (apt-get install libfuse2 fuse3): " + e;
    }
  }
}
