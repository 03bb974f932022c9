package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.ops.ReferenceOps;
import io.refzarr.ops.Summary;
import io.refzarr.refs.ReferenceSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code refzarr inline-array}: small whole arrays as one embedded chunk (kerchunk's inline_array).
 */
@Command(
    name = "inline-array",
    description = {
      "Rewrite small arrays (and the named ones) as one embedded chunk holding their decoded values,"
          + " uncompressed, attributes kept: one key instead of many small ranges (good for coordinates).",
      "Example: refzarr inline-array refs.json --threshold 1000 --array time -o small.json"
    })
final class InlineArrayCommand extends RewriteCommand {
  @Option(
      names = "--threshold",
      paramLabel = "BYTES",
      defaultValue = "1000",
      description =
          "Rewrite arrays of fewer bytes than this (default: ${DEFAULT-VALUE}, as kerchunk).")
  long threshold;

  @Option(
      names = "--array",
      paramLabel = "NAME",
      description = "Rewrite this array whatever its size (repeatable).")
  List<String> arrays = new ArrayList<>();

  @Override
  Summary run(ReferenceSet set) throws IOException {
    return toOutput(
        sink ->
            ReferenceOps.inlineArrays(set, threshold, Set.copyOf(arrays), options.config(), sink));
  }

  @Override
  String describe(Summary s) {
    return String.format(
        "%d arrays embedded as one chunk each, %d keys read", s.rewritten(), s.keys());
  }
}
