package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.cli.args.CommandLine.Parameters;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** {@code refzarr ls}: lists a directory of a reference set. */
@Command(name = "ls", description = "List the keys and directories of a reference set.")
final class LsCommand extends SetCommand {
  @Parameters(
      index = "1",
      paramLabel = "DIR",
      defaultValue = "/",
      description = "Directory to list (default: /).")
  String dir;

  @Option(
      names = {"-l", "--long"},
      description = "Show sizes and where each key's bytes live.")
  boolean longFormat;

  @Option(
      names = {"-R", "--recursive"},
      description = "List subdirectories too.")
  boolean recursive;

  @Override
  public Integer call() throws Exception {
    try (FileSystem fs = options.open(input)) {
      Path start = fs.getPath("/").resolve(dir);
      if (!Files.isDirectory(start)) {
        Files.readAttributes(start, BasicFileAttributes.class); // NoSuchFileException if absent
        print(start);
        return 0;
      }
      try (Stream<Path> paths = recursive ? Files.walk(start).skip(1) : Files.list(start)) {
        for (Path p : (Iterable<Path>) paths::iterator) {
          print(p);
        }
      }
    }
    return 0;
  }

  private void print(Path p) throws java.io.IOException {
    var out = spec.commandLine().getOut();
    String name =
        recursive ? p.toString() : p.getFileName() == null ? "/" : p.getFileName().toString();
    if (!longFormat) {
      out.println(Files.isDirectory(p) ? name + "/" : name);
      return;
    }
    if (Files.isDirectory(p)) {
      out.printf("%12s  %s/%n", "-", name);
      return;
    }
    io.refzarr.nio.ReferenceFileAttributes a =
        Files.readAttributes(p, io.refzarr.nio.ReferenceFileAttributes.class);
    out.printf("%12d  %s  %s%n", a.size(), name, Describe.reference(a.reference().orElseThrow()));
  }
}
