package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine;
import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.ops.ReferenceOps;
import io.refzarr.ops.VerifyOptions;
import io.refzarr.ops.VerifyReport;
import io.refzarr.refs.ReferenceSet;
import java.io.PrintWriter;
import java.util.Map;

/** {@code refzarr verify}: check every reference against its target. */
@Command(
    name = "verify",
    description = {
      "Check every reference against its target: the target exists and the range lies within it; with --decode,"
          + " N chunks per array (spread over the grid) also decode with the array's codecs to the chunk's size."
          + " Prints every failure (key, target, reason) and counts per array; exits 1 if anything failed.",
      "Example: refzarr verify refs.json --decode --sample 10"
    })
final class VerifyCommand extends SetCommand {
  @Option(names = "--decode", description = "Also decode sampled chunks with their array's codecs.")
  boolean decode;

  @Option(
      names = "--sample",
      paramLabel = "N",
      defaultValue = "5",
      description = "Chunks per array to decode with --decode (default: ${DEFAULT-VALUE}).")
  int sample;

  @Override
  public Integer call() throws Exception {
    if (sample <= 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--sample must be positive: " + sample);
    }
    long start = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    VerifyOptions verifyOptions =
        new VerifyOptions(decode, sample, 0); // failures are printed as they come
    VerifyReport report;
    try (ReferenceSet set = openInput();
        ReferenceReader reader = ReferenceReader.create(options.config())) {
      report = ReferenceOps.verify(set, reader, verifyOptions, f -> out.println("FAIL " + f));
    }
    for (Map.Entry<String, VerifyReport.ArrayCounts> e : report.arrays().entrySet()) {
      VerifyReport.ArrayCounts c = e.getValue();
      out.printf(
          "%-24s %8d references %6d decoded %6d failed%n",
          e.getKey().isEmpty() ? "/" : e.getKey(), c.references(), c.decoded(), c.failed());
    }
    spec.commandLine()
        .getErr()
        .printf(
            "%s: %d references checked, %d failed (%s) in %.2f s%n",
            input,
            report.references(),
            report.failureCount(),
            report.ok() ? "OK" : "FAILED",
            SetCommand.seconds(start));
    return report.ok() ? 0 : 1;
  }
}
