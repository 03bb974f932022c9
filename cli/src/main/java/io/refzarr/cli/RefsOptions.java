package io.refzarr.cli;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that open a reference set as a file system. */
final class RefsOptions {
  @Option(names = "--root", paramLabel = "DIR",
      description = "Directory that relative target paths resolve against (default: the working directory).")
  Path root;

  @Option(names = "--remote-protocol", paramLabel = "PROTOCOL",
      description = "Protocol of targets written without one (default: file).")
  String remoteProtocol;

  @Option(names = "--default-target", paramLabel = "URL",
      description = "Target of references whose url is null.")
  String defaultTarget;

  @Option(names = "--template", paramLabel = "NAME=VALUE",
      description = "Override a template value of the set (repeatable).")
  Map<String, String> templates = new LinkedHashMap<>();

  @Option(names = "--remote-option", paramLabel = "NAME=VALUE",
      description = "A byte-source option such as s3.endpoint=http://127.0.0.1:9000 (repeatable).")
  Map<String, String> remoteOptions = new LinkedHashMap<>();

  ReferenceFileSystemConfig config() {
    ReferenceFileSystemConfig.Builder b = ReferenceFileSystemConfig.builder();
    if (root != null) {
      b.root(root);
    }
    if (remoteProtocol != null) {
      b.remoteProtocol(remoteProtocol);
    }
    if (defaultTarget != null) {
      b.defaultTarget(defaultTarget);
    }
    templates.forEach(b::templateOverride);
    remoteOptions.forEach(b::remoteOption);
    return b.build();
  }

  FileSystem open(Path refs) throws IOException {
    return ReferenceFileSystems.newFileSystem(refs, config());
  }
}
