package io.refzarr.bench;

import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The single-file reference sets of the daily benchmark series ({@code
 * bench-data/daily/day_NNNN.nc}, made by {@code make_corpus.py bench --what daily1000}: 73x144
 * tas/pr per day), scanned by refzarr's own HDF5 scanner into {@code
 * bench-data/daily-refs/day_NNNN.json} once. Targets are written relative to {@code bench-data}, as
 * kerchunk writes them relative to where it ran.
 */
final class DailySets {
  private DailySets() {}

  /** The first {@code n} daily JSON sets, scanning the ones not made yet. */
  static List<Path> jsonSets(int n) throws IOException {
    Path data = BenchData.dir();
    Path refs = Files.createDirectories(data.resolve("daily-refs"));
    List<Path> out = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      String name = String.format("day_%04d", d);
      Path json = refs.resolve(name + ".json");
      if (!Files.exists(json)) {
        // a fresh source per file: a shared one once failed with ClosedChannelException mid-series
        try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
          scan(data, "daily/" + name + ".nc", json, sources);
        }
      }
      out.add(json);
    }
    return out;
  }

  private static void scan(Path data, String relative, Path json, ByteRangeReaders sources)
      throws IOException {
    Path nc = data.resolve(relative);
    if (!Files.exists(nc)) {
      throw new IOException(
          nc
              + " is missing: run python3 ../shared/tools/make_corpus.py bench --out "
              + data
              + " --what daily1000");
    }
    ReferenceSetBuilder b = ReferenceSets.builder();
    Scanners.hdf5().scan(new ScanInput(relative, nc.toUri()), sources, ScanOptions.DEFAULT, b);
    ReferenceSets.writeJson(b.build(), json);
  }
}
