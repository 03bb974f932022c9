package io.refzarr.cli;

import io.refzarr.combine.CombineInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

  @Mixin CombineOptions options;

  @Mixin OutputOptions output;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<CombineInput> sets = new ArrayList<>();
    for (Path p : CombineOptions.expand(inputs)) {
      sets.add(CombineInput.of(p));
    }
    CombineOptions.combine(sets, options.spec(spec.commandLine()), output, spec.commandLine());
    spec.commandLine().getOut().printf("%s: combined %d inputs%n", output.output, sets.size());
    return 0;
  }
}
