package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Parameters;
import io.refzarr.fuse.FuseMount;
import java.io.PrintWriter;
import java.nio.file.FileSystem;
import java.nio.file.Path;

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
final class MountCommand extends SetCommand {
  @Parameters(index = "1", paramLabel = "MOUNTPOINT", description = "An existing, empty directory.")
  Path mountPoint;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    try (FileSystem fs = options.open(input);
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
          "mounted " + input + " at " + mount.mountPoint() + " (read-only; Ctrl-C unmounts)");
      out.flush();
      mount.awaitUnmount();
    }
    return 0;
  }
}
