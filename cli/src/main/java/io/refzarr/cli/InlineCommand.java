package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.ops.ReferenceOps;
import io.refzarr.ops.Summary;
import io.refzarr.refs.ReferenceSet;
import java.io.IOException;

/** {@code refzarr inline}: embed small ranges (kerchunk's do_inline). */
@Command(
    name = "inline",
    description = {
      "Embed the bytes of every referenced range shorter than the threshold (and every whole-file .z* key) in"
          + " the set, fetched with coalesced range requests (local files, archive members, HTTP, S3).",
      "Example: refzarr inline refs.json --threshold 500 -o inlined.json"
    })
final class InlineCommand extends RewriteCommand {
  @Option(
      names = "--threshold",
      required = true,
      paramLabel = "BYTES",
      description = "Embed ranges shorter than this many bytes.")
  long threshold;

  @Override
  void check() {
    if (threshold < 0) {
      throw bad("--threshold must be >= 0: " + threshold);
    }
  }

  @Override
  Summary run(ReferenceSet set) throws IOException {
    return toOutput(sink -> ReferenceOps.inline(set, threshold, reader(), sink));
  }

  @Override
  String describe(Summary s) {
    return String.format("inlined %d of %d keys (%d bytes)", s.rewritten(), s.keys(), s.bytes());
  }
}
