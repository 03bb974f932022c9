package io.refzarr.cli;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code refzarr convert}: JSON to Parquet reference directory and back, written atomically. */
@Command(
    name = "convert",
    description = {
      "Convert a reference set between kerchunk JSON and fsspec's Parquet directory layout.",
      "The output form follows its name: *.parq or *.parquet (or an existing Parquet reference directory) is a"
          + " Parquet directory, anything else JSON."
    })
final class ConvertCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "REFS",
      description = "Reference set (JSON file or Parquet directory).")
  Path input;

  @Mixin OutputOptions output;

  @Mixin RefsOptions options;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    String form = output.describeForm();
    try (ReferenceSet set = ReferenceSets.open(input, options.config().readOptions())) {
      output.write(spec.commandLine(), set);
    }
    spec.commandLine()
        .getOut()
        .printf(
            "%s -> %s (%s) in %.2f s%n",
            input, output.output, form, (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
