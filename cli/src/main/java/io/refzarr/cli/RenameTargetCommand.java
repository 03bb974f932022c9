package io.refzarr.cli;

import io.refzarr.ops.ReferenceOps;
import io.refzarr.ops.Summary;
import io.refzarr.ops.TargetRenames;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code refzarr rename-target}: rewrite target URLs (kerchunk's rename_target). */
@Command(
    name = "rename-target",
    description = {
      "Rewrite target URLs, to relocate a set (from local disk to S3 or HTTP, say). Templates are rendered"
          + " first; an exact rule wins over a prefix rule, the longest prefix over shorter ones; other targets"
          + " stay as they are.",
      "Example: refzarr rename-target refs.json --prefix data/=s3://bucket/data/ -o moved.json"
    })
final class RenameTargetCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "REFS",
      description = "Reference set (JSON file or Parquet directory).")
  Path input;

  @Option(
      names = "--map",
      paramLabel = "OLD=NEW",
      description = "Rename the target OLD to NEW (repeatable).")
  List<String> maps = new ArrayList<>();

  @Option(
      names = "--prefix",
      paramLabel = "OLD=NEW",
      description = "Replace the prefix OLD of targets by NEW (repeatable).")
  List<String> prefixes = new ArrayList<>();

  @Option(
      names = "--map-file",
      paramLabel = "FILE",
      description = "Exact renames from a file: a JSON object {\"old\": \"new\"} or lines OLD=NEW.")
  Path mapFile;

  @Mixin RewriteOutput output;

  @Mixin RefsOptions options;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    TargetRenames renames = renames();
    long start = System.nanoTime();
    Summary s;
    try (ReferenceSet set = ReferenceSets.open(input, options.config().readOptions())) {
      s =
          output.write(
              spec.commandLine(), input, sink -> ReferenceOps.renameTargets(set, renames, sink));
    }
    spec.commandLine()
        .getErr()
        .printf(
            "%s: renamed the targets of %d of %d keys in %.2f s%n",
            output.target(spec.commandLine(), input),
            s.rewritten(),
            s.keys(),
            InlineCommand.seconds(start));
    return 0;
  }

  private TargetRenames renames() throws java.io.IOException {
    if (maps.isEmpty() && prefixes.isEmpty() && mapFile == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give --map, --prefix or --map-file");
    }
    Map<String, String> exact = new LinkedHashMap<>();
    if (mapFile != null) {
      exact.putAll(TargetRenames.readMapFile(mapFile));
    }
    try {
      maps.stream().map(TargetRenames::parseRule).forEach(e -> exact.put(e.getKey(), e.getValue()));
      Map<String, String> prefix = new LinkedHashMap<>();
      prefixes.stream()
          .map(TargetRenames::parseRule)
          .forEach(e -> prefix.put(e.getKey(), e.getValue()));
      return TargetRenames.of(exact, prefix);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
