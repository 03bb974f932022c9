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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code refzarr inline}: embed small ranges (kerchunk's do_inline). */
@Command(
    name = "inline",
    description = {
      "Embed the bytes of every referenced range shorter than the threshold (and every whole-file .z* key) in"
          + " the set, fetched with coalesced range requests (local files, archive members, HTTP, S3).",
      "Example: refzarr inline refs.json --threshold 500 -o inlined.json"
    })
final class InlineCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "REFS",
      description = "Reference set (JSON file or Parquet directory).")
  Path input;

  @Option(
      names = "--threshold",
      required = true,
      paramLabel = "BYTES",
      description = "Embed ranges shorter than this many bytes.")
  long threshold;

  @Mixin RewriteOutput output;

  @Mixin RefsOptions options;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (threshold < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--threshold must be >= 0: " + threshold);
    }
    long start = System.nanoTime();
    Summary s;
    try (ReferenceSet set = ReferenceSets.open(input, options.config().readOptions());
        ReferenceReader reader = ReferenceReader.create(options.config())) {
      s =
          output.write(
              spec.commandLine(), input, sink -> ReferenceOps.inline(set, threshold, reader, sink));
    }
    spec.commandLine()
        .getErr()
        .printf(
            "%s: inlined %d of %d keys (%d bytes) in %.2f s%n",
            output.target(spec.commandLine(), input),
            s.rewritten(),
            s.keys(),
            s.bytes(),
            seconds(start));
    return 0;
  }

  static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
