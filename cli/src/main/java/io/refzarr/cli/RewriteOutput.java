package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine;
import io.refzarr.cli.args.CommandLine.Mixin;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The output of the commands that rewrite a set ({@code inline}, {@code rename-target}, {@code
 * dereference}): {@code -o OUT}, or {@code --in-place} to replace the input. Either way the output
 * appears complete or not at all ({@link ReferenceSets#write}), in the form its name says ({@link
 * ReferenceSets#sink}).
 */
final class RewriteOutput {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT.json|OUT.parq",
      description =
          "Where to write the result, atomically: a Parquet reference directory if the name ends in"
              + " .parq or .parquet or it is one already, else JSON.")
  Path output;

  @Option(names = "--in-place", description = "Replace the input with the result, atomically.")
  boolean inPlace;

  @Mixin RecordSizeOption records;

  /**
   * Where the result of rewriting {@code input} goes; exactly one of -o and --in-place must be
   * given.
   */
  Path target(CommandLine cl, Path input) {
    if (inPlace == (output != null)) {
      throw new CommandLine.ParameterException(cl, "give either -o OUT or --in-place");
    }
    return inPlace ? input : output;
  }

  /**
   * Runs {@code producer} into the output of rewriting {@code input}; a failure leaves the output
   * as it was.
   */
  <T> T write(CommandLine cl, Path input, ReferenceSets.Producer<T> producer) throws IOException {
    Path out = target(cl, input);
    return ReferenceSets.write(out, records.sinkOptions(cl), producer);
  }
}
