package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.refs.SinkOptions;

/** {@code --record-size}, of every command that writes a reference set. */
final class RecordSizeOption {
  @Option(
      names = "--record-size",
      paramLabel = "N",
      defaultValue = "100000",
      description = "References per Parquet record file (default: ${DEFAULT-VALUE}).")
  int recordSize;

  /** The options of the output's sink; a record size that is not positive is a usage error. */
  SinkOptions sinkOptions(CommandLine cl) {
    if (recordSize <= 0) {
      throw new CommandLine.ParameterException(cl, "--record-size must be positive: " + recordSize);
    }
    return SinkOptions.DEFAULT.withRecordSize(recordSize);
  }
}
