package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.Scanner;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.testing.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One scanner instance and one set of byte sources serve scans on several threads at once. */
class ConcurrentScanTest {
  private static final ScanOptions OPTIONS = ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP);

  @Test
  void scan_everyCorpusFileOnFourThreads_sameReferencesAsOneByOne() throws Exception {
    Scanner scanner = Scanners.hdf5();
    List<String> files = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      files.addAll(CorpusFiles.ALL);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      List<Future<Map<String, Reference>>> results = new ArrayList<>();
      for (String f : files) {
        results.add(
            pool.submit(
                () -> {
                  ReferenceSetBuilder out = ReferenceSets.builder();
                  scanner.scan(new ScanInput(f, Corpus.file(f).toUri()), sources, OPTIONS, out);
                  return entries(out.build());
                }));
      }
      for (int i = 0; i < files.size(); i++) {
        assertThat(results.get(i).get())
            .as(files.get(i))
            .isEqualTo(entries(Scans.corpus(files.get(i), OPTIONS).refs()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<String, Reference> entries(ReferenceSet set) throws java.io.IOException {
    Map<String, Reference> out = new TreeMap<>();
    for (String k : set.keys().collect(Collectors.toList())) {
      out.put(k, set.get(k).orElseThrow());
    }
    return out;
  }
}
