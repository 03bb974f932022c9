package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.ops.ReferenceOps;
import io.refzarr.ops.Summary;
import io.refzarr.ops.TargetRenames;
import io.refzarr.refs.ReferenceSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code refzarr rename-target}: rewrite target URLs (kerchunk's rename_target). */
@Command(
    name = "rename-target",
    description = {
      "Rewrite target URLs, to relocate a set (from local disk to S3 or HTTP, say). Templates are rendered"
          + " first; an exact rule wins over a prefix rule, the longest prefix over shorter ones; other targets"
          + " stay as they are.",
      "Example: refzarr rename-target refs.json --prefix data/=s3://bucket/data/ -o moved.json"
    })
final class RenameTargetCommand extends RewriteCommand {
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

  private TargetRenames renames;

  @Override
  void check() throws IOException {
    renames = renames();
  }

  @Override
  Summary run(ReferenceSet set) throws IOException {
    return toOutput(sink -> ReferenceOps.renameTargets(set, renames, sink));
  }

  @Override
  String describe(Summary s) {
    return String.format("renamed the targets of %d of %d keys", s.rewritten(), s.keys());
  }

  private TargetRenames renames() throws IOException {
    if (maps.isEmpty() && prefixes.isEmpty() && mapFile == null) {
      throw bad("give --map, --prefix or --map-file");
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
      throw bad(e.getMessage());
    }
  }
}
