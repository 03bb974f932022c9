package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine;
import io.refzarr.cli.args.CommandLine.Mixin;
import io.refzarr.cli.args.CommandLine.Parameters;
import io.refzarr.cli.args.CommandLine.Spec;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What the commands over one reference set named first ({@code ls}, {@code cat}, {@code info},
 * {@code get}, {@code serve}, {@code mount}, {@code convert}, {@code verify} and the {@link
 * RewriteCommand}s) declare, declared once: the input {@code REFS}, how its targets are read
 * ({@link RefsOptions}), and the command line, for output and usage errors.
 */
abstract class SetCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "REFS",
      description = "Reference set (JSON file or Parquet directory).")
  Path input;

  @Mixin RefsOptions options;

  @Spec CommandLine.Model.CommandSpec spec;

  /** Opens the input set as the options say. */
  ReferenceSet openInput() throws IOException {
    return ReferenceSets.open(input, options.config().readOptions());
  }

  /** Seconds since {@code start} ({@link System#nanoTime}), for the summary lines. */
  static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
