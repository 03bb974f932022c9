package io.refzarr.cli;

import io.refzarr.lazy.LazyReferenceSets;
import io.refzarr.lazy.WriteOptions;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code refzarr convert}: JSON to Parquet reference directory and back, written atomically. */
@Command(name = "convert", description = {
    "Convert a reference set between kerchunk JSON and fsspec's Parquet directory layout.",
    "The output form follows its name: *.json is JSON, anything else a Parquet directory."})
final class ConvertCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "REFS", description = "Reference set (JSON file or Parquet directory).")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
      description = "Output: OUT.json, or a Parquet directory such as OUT.parq (replaced if it is one).")
  Path output;

  @Option(names = "--record-size", paramLabel = "N", defaultValue = "100000",
      description = "References per Parquet record file (default: ${DEFAULT-VALUE}).")
  int recordSize;

  @Mixin RefsOptions options;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (recordSize <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--record-size must be positive: " + recordSize);
    }
    long start = System.nanoTime();
    boolean json = output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    try (ReferenceSet set = ReferenceSets.open(input, options.config().readOptions())) {
      if (json) {
        ReferenceSets.writeJson(set, output);
      } else {
        LazyReferenceSets.write(set, output, WriteOptions.DEFAULT.withRecordSize(recordSize));
      }
    }
    spec.commandLine().getOut().printf("%s -> %s (%s) in %.2f s%n", input, output,
        json ? "JSON" : "Parquet, record_size " + recordSize, (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
