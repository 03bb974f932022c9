package io.refzarr.cli;

import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code refzarr cat}: writes the bytes of a key to standard output. */
@Command(name = "cat", description = "Write the bytes of a key to standard output.")
final class CatCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "REFS",
      description = "Reference set (JSON file or Parquet directory).")
  Path refs;

  @Parameters(index = "1", paramLabel = "KEY", description = "Key, such as temp/0.0.0 or .zgroup.")
  String key;

  @Mixin RefsOptions options;

  @picocli.CommandLine.ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    OutputStream out = main.binaryOut;
    try (FileSystem fs = options.open(refs)) {
      Path p = fs.getPath("/").resolve(key);
      Files.copy(p, out);
      out.flush();
    }
    return 0;
  }
}
