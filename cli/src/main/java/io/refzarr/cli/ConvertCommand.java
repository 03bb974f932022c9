package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Mixin;
import io.refzarr.refs.ReferenceSet;

/** {@code refzarr convert}: JSON to Parquet reference directory and back, written atomically. */
@Command(
    name = "convert",
    description = {
      "Convert a reference set between kerchunk JSON and fsspec's Parquet directory layout.",
      "The output form follows its name: *.parq or *.parquet (or an existing Parquet reference directory) is a"
          + " Parquet directory, anything else JSON."
    })
final class ConvertCommand extends SetCommand {
  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    String form = output.describeForm();
    try (ReferenceSet set = openInput()) {
      output.write(spec.commandLine(), set);
    }
    spec.commandLine()
        .getOut()
        .printf("%s -> %s (%s) in %.2f s%n", input, output.output, form, seconds(start));
    return 0;
  }
}
