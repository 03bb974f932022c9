package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine;
import io.refzarr.cli.args.CommandLine.Mixin;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.ops.Summary;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The shape every command over one operation that rewrites a set shares ({@code inline}, {@code
 * inline-array}, {@code subchunk}, {@code dereference}, {@code rename-target}, {@code
 * consolidate}): the input and target options ({@link SetCommand}), the output options ({@link
 * RewriteOutput}), the run into an atomic output, and a one-line summary with the time taken on
 * stderr.
 */
abstract class RewriteCommand extends SetCommand {
  @Mixin RewriteOutput output;

  private ReferenceReader reader;

  /** Checks the command's own options before the set is opened; throws {@link #bad} if wrong. */
  void check() throws IOException {}

  /** Runs the operation on {@code set} into the output, usually through {@link #toOutput}. */
  abstract Summary run(ReferenceSet set) throws IOException;

  /** What the operation did, for the summary line ({@code "inlined 3 of 10 keys"}). */
  abstract String describe(Summary s);

  @Override
  public final Integer call() throws Exception {
    check();
    long start = System.nanoTime();
    Summary s;
    try (ReferenceSet set = openInput()) {
      s = run(set);
    } finally {
      if (reader != null) {
        reader.close();
      }
    }
    spec.commandLine().getErr().printf("%s: %s in %.2f s%n", target(), describe(s), seconds(start));
    return 0;
  }

  /** Runs {@code producer} into the output ({@code -o} or the input), which appears atomically. */
  Summary toOutput(ReferenceSets.Producer<Summary> producer) throws IOException {
    return output.write(spec.commandLine(), input, producer);
  }

  /** Where the output goes ({@code -o} or the input). */
  Path target() {
    return output.target(spec.commandLine(), input);
  }

  /** A reader of the targets as the options say, made on first use and closed after the run. */
  ReferenceReader reader() {
    if (reader == null) {
      reader = ReferenceReader.create(options.config());
    }
    return reader;
  }

  /** A usage error naming what is wrong. */
  CommandLine.ParameterException bad(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
