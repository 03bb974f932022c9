package io.refzarr.cli;

import io.refzarr.ops.ReferenceOps;
import io.refzarr.ops.Summary;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code refzarr consolidate}: repeated URL prefixes into templates, and back. */
@Command(
    name = "consolidate",
    description = {
      "Write the set as JSON with the directories its targets share factored into templates ({{u}}...), as"
          + " kerchunk's templateize does; --expand-templates writes every target in full instead. JSON only:"
          + " Parquet stores each URL once anyway.",
      "Example: refzarr consolidate refs.json -o small.json"
    })
final class ConsolidateCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "REFS",
      description = "Reference set (JSON file or Parquet directory).")
  Path input;

  @Option(names = "--expand-templates", description = "Render every template into its targets.")
  boolean expand;

  @Option(
      names = "--min-length",
      paramLabel = "N",
      defaultValue = "10",
      description = "Shortest prefix worth a template (default: ${DEFAULT-VALUE}, as kerchunk).")
  int minLength;

  @Mixin RewriteOutput output;

  @Mixin RefsOptions options;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path out = output.target(spec.commandLine(), input);
    if (!ReferenceSets.outputFormat(out).equals("json")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "consolidate writes JSON; "
              + out
              + " names a "
              + ReferenceSets.outputFormat(out)
              + " output");
    }
    long start = System.nanoTime();
    Summary s;
    try (ReferenceSet set = ReferenceSets.open(input, options.config().readOptions())) {
      s =
          expand
              ? ReferenceOps.expandTemplates(set, out)
              : ReferenceOps.consolidate(set, out, minLength);
    }
    String what = expand ? "with every target in full" : s.rewritten() + " of them with a template";
    spec.commandLine()
        .getErr()
        .printf("%s: %d keys, %s, in %.2f s%n", out, s.keys(), what, RewriteCommand.seconds(start));
    return 0;
  }
}
