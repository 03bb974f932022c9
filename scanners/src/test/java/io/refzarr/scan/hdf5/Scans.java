package io.refzarr.scan.hdf5;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Test helper: scans corpus files with targets named as the golden sets name them. */
final class Scans {
  private Scans() {}

  /** The result of one scan. */
  record Result(ReferenceSet refs, ScanReport report) {}

  static Result corpus(String relative, ScanOptions options) throws IOException {
    return file(Corpus.file(relative), relative, options);
  }

  static Result corpus(String relative) throws IOException {
    return corpus(relative, ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP));
  }

  static Result file(Path file, String url, ScanOptions options) throws IOException {
    ReferenceSetBuilder builder = ReferenceSets.builder();
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      ScanReport report =
          Scanners.hdf5().scan(new ScanInput(url, file.toUri()), sources, options, builder);
      return new Result(builder.build(), report);
    }
  }
}
