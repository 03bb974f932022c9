package io.refzarr.cli;

import io.refzarr.ops.ReferenceOps;
import io.refzarr.ops.Summary;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code refzarr inline-array}: small whole arrays as one embedded chunk (kerchunk's inline_array).
 */
@Command(
    name = "inline-array",
    description = {
      "Rewrite small arrays (and the named ones) as one embedded chunk holding their decoded values,"
          + " uncompressed, attributes kept: one key instead of many small ranges (good for coordinates).",
      "Example: refzarr inline-array refs.json --threshold 1000 --array time -o small.json"
    })
final class InlineArrayCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "REFS",
      description = "Reference set (JSON file or Parquet directory).")
  Path input;

  @Option(
      names = "--threshold",
      paramLabel = "BYTES",
      defaultValue = "1000",
      description =
          "Rewrite arrays of fewer bytes than this (default: ${DEFAULT-VALUE}, as kerchunk).")
  long threshold;

  @Option(
      names = "--array",
      paramLabel = "NAME",
      description = "Rewrite this array whatever its size (repeatable).")
  List<String> arrays = new ArrayList<>();

  @Mixin RewriteOutput output;

  @Mixin RefsOptions options;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Summary s;
    try (ReferenceSet set = ReferenceSets.open(input, options.config().readOptions())) {
      s =
          output.write(
              spec.commandLine(),
              input,
              sink ->
                  ReferenceOps.inlineArrays(
                      set, threshold, Set.copyOf(arrays), options.config(), sink));
    }
    spec.commandLine()
        .getErr()
        .printf(
            "%s: %d arrays embedded as one chunk each, %d keys read in %.2f s%n",
            output.target(spec.commandLine(), input),
            s.rewritten(),
            s.keys(),
            InlineCommand.seconds(start));
    return 0;
  }
}
