package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine;
import io.refzarr.cli.args.CommandLine.Mixin;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.SinkOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The output of the commands that write a reference set ({@code scan}, {@code combine}, {@code
 * scan-combine}, {@code convert}). Its form follows the library's one rule ({@link
 * ReferenceSets#sink}), so every command chooses it the same way.
 */
final class OutputOptions {
  // required, but checked by output() so that scan may take --output-dir instead
  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT.json|OUT.parq",
      description =
          "Where to write the references, atomically: a Parquet reference directory if the name ends"
              + " in .parq or .parquet or it is one already, else JSON (required"
              + " but with scan --output-dir).")
  Path output;

  @Mixin RecordSizeOption records;

  /**
   * Runs {@code producer} into the output; a failure leaves no output (and an existing one as it
   * was).
   */
  <T> T write(CommandLine cl, ReferenceSets.Producer<T> producer) throws IOException {
    return ReferenceSets.write(output(cl), sinkOptions(cl), producer);
  }

  /**
   * The output path; missing, the command line is refused as picocli refuses a missing required
   * option.
   */
  Path output(CommandLine cl) {
    if (output == null) {
      throw new CommandLine.ParameterException(
          cl, "Missing required option: '--output=OUT.json|OUT.parq'");
    }
    return output;
  }

  /** Writes {@code set} to the output. */
  void write(CommandLine cl, ReferenceSet set) throws IOException {
    ReferenceSets.write(set, output(cl), sinkOptions(cl));
  }

  /**
   * The form the output is written in, for messages: {@code JSON} or the format's name and options.
   */
  String describeForm() throws IOException {
    String form = ReferenceSets.outputFormat(output);
    return form.equals("json")
        ? "JSON"
        : Character.toUpperCase(form.charAt(0))
            + form.substring(1)
            + ", record_size "
            + records.recordSize;
  }

  SinkOptions sinkOptions(CommandLine cl) {
    return records.sinkOptions(cl);
  }
}
