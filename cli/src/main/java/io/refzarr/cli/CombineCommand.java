package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine;
import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Mixin;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.cli.args.CommandLine.Parameters;
import io.refzarr.cli.args.CommandLine.Spec;
import io.refzarr.combine.CombineInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code refzarr combine}: many reference sets into one along concat dimensions (MultiZarrToZarr).
 */
@Command(
    name = "combine",
    description =
        "Combine reference sets (JSON files or Parquet directories) into one"
            + " dataset along concat dimensions, like kerchunk's MultiZarrToZarr, refusing inputs that do not fit.")
final class CombineCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "INPUT",
      description = "Reference sets: paths, globs (day_*.json) or @FILE listing one path per line.")
  List<String> inputs;

  @Option(
      names = "--append-to",
      paramLabel = "EXISTING",
      description =
          "A combined set to extend with the INPUTs along the concat dimension: the result equals"
              + " combining the existing set's inputs and the new ones from scratch (overlapping or"
              + " interleaved coordinates are refused as in any combine). EXISTING is read, not changed;"
              + " -o may name it to replace it atomically.")
  Path appendTo;

  @Mixin CombineOptions options;

  @Mixin OutputOptions output;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<CombineInput> sets = new ArrayList<>();
    if (appendTo != null) {
      sets.add(CombineInput.of(appendTo)); // as Combiner.append does: a combined set is an input
    }
    for (Path p : CombineOptions.expand(inputs)) {
      sets.add(CombineInput.of(p));
    }
    CombineOptions.combine(sets, options.spec(spec.commandLine()), output, spec.commandLine());
    spec.commandLine().getOut().printf("%s: combined %d inputs%n", output.output, sets.size());
    return 0;
  }
}
