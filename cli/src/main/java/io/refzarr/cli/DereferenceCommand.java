package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.ops.ReferenceOps;
import io.refzarr.ops.Summary;
import io.refzarr.refs.ReferenceSet;
import java.io.IOException;

/** {@code refzarr dereference}: archive-member references to ranges of the archive. */
@Command(
    name = "dereference",
    description = {
      "Turn references into archive members (tar://member::URL, zip://member::URL) into byte ranges of the"
          + " archive itself, from the archive's own headers, so that every reader can read them. A compressed"
          + " zip member is an error naming it, unless --allow-deflate.",
      "Example: refzarr dereference chained.json -o plain.json"
    })
final class DereferenceCommand extends RewriteCommand {
  @Option(
      names = "--allow-deflate",
      description =
          "Write a deflated zip member as the range from its local header to the end of its"
              + " compressed data, decoded with kerchunk's deflate codec (its array's compressor"
              + " becomes {\"id\": \"deflate\"}, the old one the last filter). Only whole members of"
              + " arrays whose chunks are all deflated; refzarr and kerchunk read the result, plain"
              + " numcodecs does not.")
  boolean allowDeflate;

  @Override
  Summary run(ReferenceSet set) throws IOException {
    return toOutput(sink -> ReferenceOps.dereference(set, reader(), allowDeflate, sink));
  }

  @Override
  String describe(Summary s) {
    return String.format("dereferenced %d of %d keys", s.rewritten(), s.keys());
  }
}
