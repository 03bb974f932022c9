package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
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
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every variable of the corpus manifest whose source is one corpus file, read through refzarr's own
 * scan of that file (HDF5/netCDF4 and netCDF3 scanners), has the manifest's checksum of the true
 * values, also where kerchunk's references give other values (compact datasets, scalar strings) or
 * none (fletcher32, compound). An array the scan leaves out must be one kerchunk leaves out too.
 */
class OwnReferencesTest {
  private static final Map<String, FileSystem> OPEN = new HashMap<>();

  static Stream<Manifest.Entry> entries() throws IOException {
    return Manifest.goldenJsonEntries().stream()
        .filter(e -> e.source() != null && !e.source().contains(" "));
  }

  private static synchronized FileSystem fs(String source) throws IOException {
    FileSystem fs = OPEN.get(source);
    if (fs == null) {
      fs =
          ReferenceFileSystems.newFileSystem(
              scan(source), ReferenceFileSystemConfig.builder().root(Corpus.dir()).build());
      OPEN.put(source, fs);
    }
    return fs;
  }

  private static ReferenceSet scan(String source) throws IOException {
    Path file = Corpus.file(source);
    byte[] head;
    try (var in = Files.newInputStream(file)) {
      head = in.readNBytes(8);
    }
    Scanner scanner = Scanners.forHead(head).orElseThrow();
    ReferenceSetBuilder builder = ReferenceSets.builder();
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      scanner.scan(
          new ScanInput(source, file.toUri()),
          sources,
          ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP),
          builder);
    }
    return builder.build();
  }

  @AfterAll
  static void closeAll() throws IOException {
    for (FileSystem fs : OPEN.values()) {
      fs.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void read_ownReferences_matchesManifestChecksum(Manifest.Entry e) throws IOException {
    FileSystem fs = fs(e.source());
    Path dir = fs.getPath("/", e.array());
    if (!Files.exists(dir.resolve(".zarray"))) {
      assertThat(e.status())
          .as("only arrays kerchunk leaves out may be absent")
          .isEqualTo("missing");
      return;
    }
    ArrayData data = ZarrArray.open(dir).read();

    assertThat(data.shape()).containsExactly(e.shape());
    assertThat(Canonical.sha256(data))
        .as("the true values, also where kerchunk differs")
        .isEqualTo(e.spec().get("sha256"));
  }
}
