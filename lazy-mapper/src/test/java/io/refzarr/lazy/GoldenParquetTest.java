package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * fsspec's own Parquet output (golden/series_combined.parq) against kerchunk's JSON of the same
 * set.
 */
class GoldenParquetTest {
  private static final Path PARQ = Corpus.file("golden/series_combined.parq");
  private static final Path JSON = Corpus.file("golden/series_combined.json");

  @Test
  void open_fsspecParquet_sameKeysAndReferencesAsJson() throws IOException {
    try (LazyReferenceSet lazy = LazyReferenceSets.open(PARQ)) {
      ReferenceSet json = ReferenceSets.readJson(JSON);
      List<String> jsonKeys = sorted(json.keys());
      assertThat(sorted(lazy.keys())).isEqualTo(jsonKeys);
      assertThat(lazy.recordSize()).isEqualTo(100_000);
      for (String key : jsonKeys) {
        Reference expected = json.get(key).orElseThrow();
        Reference actual = lazy.get(key).orElseThrow();
        if (key.contains(".z")) {
          assertThat(parsed(actual)).as(key).isEqualTo(parsed(expected));
        } else {
          assertThat(actual).as(key).isEqualTo(expected);
        }
      }
    }
  }

  /**
   * Chunks read byte for byte the same. Metadata documents are equal as JSON: kerchunk's combined
   * JSON holds some indented, and the Parquet form keeps parsed objects (fsspec re-serialises them
   * too).
   */
  @Test
  void newFileSystem_fsspecParquet_identicalBytesToJsonForEveryKey() throws IOException {
    ReferenceFileSystemConfig config =
        ReferenceFileSystemConfig.builder().root(Corpus.dir()).build();
    try (FileSystem parq = ReferenceFileSystems.newFileSystem(PARQ, config);
        FileSystem json = ReferenceFileSystems.newFileSystem(JSON, config)) {
      List<String> keys = walk(json);
      assertThat(walk(parq)).isEqualTo(keys);
      assertThat(keys).contains("/tas/4.0.0", "/lat/0", "/time/0");
      for (String key : keys) {
        byte[] fromJson = Files.readAllBytes(json.getPath(key));
        byte[] fromParq = Files.readAllBytes(parq.getPath(key));
        if (key.contains("/.z")) {
          assertThat(io.refzarr.internal.json.Json.parse(fromParq))
              .as(key)
              .isEqualTo(io.refzarr.internal.json.Json.parse(fromJson));
        } else {
          assertThat(fromParq).as(key).isEqualTo(fromJson);
        }
      }
    }
  }

  @Test
  void newFileSystem_pathOfParquetDirectory_opensThroughTheInstalledFormat() throws IOException {
    try (FileSystem fs = FileSystems.newFileSystem(PARQ, Map.of("root", Corpus.dir().toString()))) {
      assertThat(Files.isDirectory(fs.getPath("/tas"))).isTrue();
      assertThat(Files.size(fs.getPath("/tas/2.0.0"))).isEqualTo(json("tas/2.0.0").length());
      assertThat(Files.exists(fs.getPath("/tas/5.0.0"))).isFalse();
    }
  }

  private static Reference json(String key) throws IOException {
    return ReferenceSets.readJson(JSON).get(key).orElseThrow();
  }

  private static Object parsed(Reference ref) throws IOException {
    return io.refzarr.internal.json.Json.parse(((Reference.Inline) ref).data());
  }

  private static List<String> sorted(Stream<String> keys) {
    try (keys) {
      return keys.sorted().collect(Collectors.toList());
    }
  }

  static List<String> walk(FileSystem fs) throws IOException {
    try (Stream<Path> s = Files.walk(fs.getPath("/"))) {
      return s.filter(Files::isRegularFile)
          .map(Path::toString)
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
