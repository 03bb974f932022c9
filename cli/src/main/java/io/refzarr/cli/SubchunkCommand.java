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

/** {@code refzarr subchunk}: split the chunks of an uncompressed array (kerchunk's subchunk). */
@Command(
    name = "subchunk",
    description = {
      "Split every chunk of an uncompressed, unfiltered array into FACTOR byte ranges along its first axis"
          + " whose chunk length exceeds 1, so readers fetch less per request. Compressed arrays and inlined"
          + " chunks are refused.",
      "Example: refzarr subchunk refs.json --array grid --factor 5 -o finer.json"
    })
final class SubchunkCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "REFS",
      description = "Reference set (JSON file or Parquet directory).")
  Path input;

  @Option(
      names = "--array",
      required = true,
      paramLabel = "NAME",
      description = "The array's path.")
  String array;

  @Option(names = "--factor", required = true, paramLabel = "N", description = "Pieces per chunk.")
  int factor;

  @Mixin RewriteOutput output;

  @Mixin RefsOptions options;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (factor < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--factor must be >= 1: " + factor);
    }
    long start = System.nanoTime();
    Summary s;
    try (ReferenceSet set = ReferenceSets.open(input, options.config().readOptions());
        ReferenceReader reader = ReferenceReader.create(options.config())) {
      s =
          output.write(
              spec.commandLine(),
              input,
              sink -> ReferenceOps.subchunk(set, array, factor, reader, sink));
    }
    spec.commandLine()
        .getErr()
        .printf(
            "%s: split %d chunks of %s into %d in %.2f s%n",
            output.target(spec.commandLine(), input),
            s.rewritten() - 1,
            array,
            factor,
            InlineCommand.seconds(start));
    return 0;
  }
}
