package io.refzarr.cli;

import io.refzarr.fuse.FuseMount;
import java.io.PrintWriter;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code refzarr mount}: presents a reference set as a read-only directory through FUSE until
 * stopped.
 */
@Command(
    name = "mount",
    description = {
      "Mount a reference set read-only through FUSE until Ctrl-C, SIGTERM or",
      "fusermount -u MOUNTPOINT (needs /dev/fuse and libfuse2)."
    })
final class MountCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "REFS",
      description = "Reference set (JSON file or Parquet directory).")
  Path refs;

  @Parameters(index = "1", paramLabel = "MOUNTPOINT", description = "An existing, empty directory.")
  Path mountPoint;

  @Mixin RefsOptions options;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    try (FileSystem fs = options.open(refs);
        FuseMount mount =
            FuseMount.mount(
                fs.getPath("/"), mountPoint, line -> err.println("refzarr mount: " + line))) {
      Stop.onShutdown(
          () -> {
            mount.close();
            fs.close();
          });
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "mounted " + refs + " at " + mount.mountPoint() + " (read-only; Ctrl-C unmounts)");
      out.flush();
      mount.awaitUnmount();
    }
    return 0;
  }
}
