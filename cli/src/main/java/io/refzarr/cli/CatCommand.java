package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Parameters;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code refzarr cat}: writes the bytes of one or more keys to standard output, one after the other
 * (several keys share one opened set: one process reads many chunks).
 */
@Command(
    name = "cat",
    description = "Write the bytes of one or more keys to standard output, one after the other.")
final class CatCommand extends SetCommand {
  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "KEY",
      description = "Key, such as temp/0.0.0 or .zgroup.")
  List<String> keys;

  @io.refzarr.cli.args.CommandLine.ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    OutputStream out = main.binaryOut;
    try (FileSystem fs = options.open(input)) {
      Path root = fs.getPath("/");
      for (String key : keys) {
        Files.copy(root.resolve(key), out);
      }
      out.flush();
    }
    return 0;
  }
}
