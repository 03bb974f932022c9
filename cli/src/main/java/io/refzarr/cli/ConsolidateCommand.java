package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.ops.ReferenceOps;
import io.refzarr.ops.Summary;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.nio.file.Path;

/** {@code refzarr consolidate}: repeated URL prefixes into templates, and back. */
@Command(
    name = "consolidate",
    description = {
      "Write the set as JSON with the directories its targets share factored into templates ({{u}}...), as"
          + " kerchunk's templateize does; --expand-templates writes every target in full instead. JSON only:"
          + " Parquet stores each URL once anyway.",
      "Example: refzarr consolidate refs.json -o small.json"
    })
final class ConsolidateCommand extends RewriteCommand {
  @Option(names = "--expand-templates", description = "Render every template into its targets.")
  boolean expand;

  @Option(
      names = "--min-length",
      paramLabel = "N",
      defaultValue = "10",
      description = "Shortest prefix worth a template (default: ${DEFAULT-VALUE}, as kerchunk).")
  int minLength;

  @Override
  void check() throws IOException {
    Path out = target();
    if (!ReferenceSets.outputFormat(out).equals("json")) {
      throw bad(
          "consolidate writes JSON; "
              + out
              + " names a "
              + ReferenceSets.outputFormat(out)
              + " output");
    }
  }

  @Override
  Summary run(ReferenceSet set) throws IOException {
    return expand
        ? ReferenceOps.expandTemplates(set, target())
        : ReferenceOps.consolidate(set, target(), minLength);
  }

  @Override
  String describe(Summary s) {
    String what = expand ? "with every target in full" : s.rewritten() + " of them with a template";
    return String.format("%d keys, %s,", s.keys(), what);
  }
}
