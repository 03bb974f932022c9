package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.ops.ReferenceOps;
import io.refzarr.ops.Summary;
import io.refzarr.refs.ReferenceSet;
import java.io.IOException;

/** {@code refzarr subchunk}: split the chunks of an uncompressed array (kerchunk's subchunk). */
@Command(
    name = "subchunk",
    description = {
      "Split every chunk of an uncompressed, unfiltered array into FACTOR byte ranges along its first axis"
          + " whose chunk length exceeds 1, so readers fetch less per request. Compressed arrays and inlined"
          + " chunks are refused.",
      "Example: refzarr subchunk refs.json --array grid --factor 5 -o finer.json"
    })
final class SubchunkCommand extends RewriteCommand {
  @Option(
      names = "--array",
      required = true,
      paramLabel = "NAME",
      description = "The array's path.")
  String array;

  @Option(names = "--factor", required = true, paramLabel = "N", description = "Pieces per chunk.")
  int factor;

  @Override
  void check() {
    if (factor < 1) {
      throw bad("--factor must be >= 1: " + factor);
    }
  }

  @Override
  Summary run(ReferenceSet set) throws IOException {
    return toOutput(sink -> ReferenceOps.subchunk(set, array, factor, reader(), sink));
  }

  @Override
  String describe(Summary s) {
    return String.format("split %d chunks of %s into %d", s.rewritten() - 1, array, factor);
  }
}
