package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every variable of the corpus manifest, read through kerchunk's golden references with the {@code
 * reference} file system, has the manifest's canonical checksum (for {@code mismatch} arrays,
 * kerchunk's own checksum is accepted too, as check_refs.py does; {@code missing} arrays are
 * absent).
 */
class GoldenReferencesTest {
  private static final Map<String, FileSystem> OPEN = new HashMap<>();

  static Stream<Manifest.Entry> entries() throws IOException {
    return Manifest.goldenJsonEntries().stream();
  }

  private static synchronized FileSystem fs(String golden) throws IOException {
    FileSystem fs = OPEN.get(golden);
    if (fs == null) {
      ReferenceFileSystemConfig config =
          ReferenceFileSystemConfig.builder().root(Corpus.dir()).build();
      fs = ReferenceFileSystems.newFileSystem(Corpus.file(golden), config);
      OPEN.put(golden, fs);
    }
    return fs;
  }

  @AfterAll
  static void closeAll() throws IOException {
    for (FileSystem fs : OPEN.values()) {
      fs.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void read_goldenReferences_matchesManifestChecksum(Manifest.Entry e) throws IOException {
    FileSystem fs = fs(e.golden());
    if (e.status().equals("missing")) {
      assertThatThrownBy(() -> ZarrArray.open(fs.getPath("/", e.array())))
          .isInstanceOf(NoSuchFileException.class);
      return;
    }
    ZarrArray array = ZarrArray.open(fs.getPath("/", e.array()));
    ArrayData data = array.read();

    assertThat(data.shape()).containsExactly(e.shape());
    String sha = Canonical.sha256(data);
    if (e.status().equals("mismatch")) {
      assertThat(sha).isIn(e.spec().get("sha256"), e.spec().get("kerchunk_sha256"));
    } else {
      assertThat(sha).isEqualTo(e.spec().get("sha256"));
    }
    Object dims = ((Map<?, ?>) e.spec().get("attrs")).get("_ARRAY_DIMENSIONS");
    if (dims != null) {
      assertThat(array.dimensionNames()).isEqualTo(dims);
    }
  }
}
