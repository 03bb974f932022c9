package io.refzarr.cli;

import io.refzarr.nio.ReferenceReader;
import io.refzarr.ops.ReferenceOps;
import io.refzarr.ops.Summary;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code refzarr dereference}: archive-member references to ranges of the archive. */
@Command(
    name = "dereference",
    description = {
      "Turn references into archive members (tar://member::URL, zip://member::URL) into byte ranges of the"
          + " archive itself, from the archive's own headers, so that every reader can read them. A compressed"
          + " zip member is an error naming it.",
      "Example: refzarr dereference chained.json -o plain.json"
    })
final class DereferenceCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "REFS",
      description = "Reference set (JSON file or Parquet directory).")
  Path input;

  @Mixin RewriteOutput output;

  @Mixin RefsOptions options;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Summary s;
    try (ReferenceSet set = ReferenceSets.open(input, options.config().readOptions());
        ReferenceReader reader = ReferenceReader.create(options.config())) {
      s =
          output.write(
              spec.commandLine(), input, sink -> ReferenceOps.dereference(set, reader, sink));
    }
    spec.commandLine()
        .getErr()
        .printf(
            "%s: dereferenced %d of %d keys in %.2f s%n",
            output.target(spec.commandLine(), input),
            s.rewritten(),
            s.keys(),
            InlineCommand.seconds(start));
    return 0;
  }
}
