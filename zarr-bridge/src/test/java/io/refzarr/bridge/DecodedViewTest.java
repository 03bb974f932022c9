package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.internal.json.Json;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.nio.ReferenceView;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoded views: every array of every golden set, read by zarr-bridge through {@code
 * view=decoded} (where every array is uncompressed) and through {@code view=zarr3} (its v3 reader),
 * has the manifest's checksum; the metadata is what the views promise.
 */
class DecodedViewTest {
  private static final Map<String, FileSystem> OPEN = new HashMap<>();

  static Stream<Manifest.Entry> entries() throws IOException {
    return Manifest.goldenJsonEntries().stream().filter(e -> !e.status().equals("missing"));
  }

  private static synchronized FileSystem fs(String golden, String view) throws IOException {
    String id = golden + "|" + view;
    FileSystem fs = OPEN.get(id);
    if (fs == null) {
      fs =
          FileSystems.newFileSystem(
              Corpus.file(golden), Map.of("root", Corpus.dir(), "view", view));
      OPEN.put(id, fs);
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
  void decodedView_everyArrayUncompressed_matchesManifest(Manifest.Entry e) throws IOException {
    Path dir = fs(e.golden(), "decoded").getPath("/", e.array());
    Map<?, ?> zarray = (Map<?, ?>) Json.parse(Files.readAllBytes(dir.resolve(".zarray")));

    assertThat(zarray.get("compressor")).isNull();
    assertThat(zarray.get("filters")).isIn(null, List.of(Map.of("id", "vlen-utf8")));
    Map<?, ?> raw =
        (Map<?, ?>)
            Json.parse(
                Files.readAllBytes(
                    fs(e.golden(), "raw").getPath("/", e.array()).resolve(".zarray")));
    assertThat(zarray.get("dtype")).isEqualTo(raw.get("dtype"));
    assertThat(zarray.get("fill_value")).isEqualTo(raw.get("fill_value"));
    assertChecksum(e, ZarrArray.open(dir).read());
  }

  /** The arrays whose types have core Zarr v3 names (zarr-bridge's v3 reader knows no others). */
  static Stream<Manifest.Entry> numericEntries() throws IOException {
    return entries()
        .filter(e -> !String.valueOf(e.spec().get("dtype")).matches("\\|S.*|\\|O|text|.U.*"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numericEntries")
  void zarr3View_everyArray_matchesManifest(Manifest.Entry e) throws IOException {
    Path dir = fs(e.golden(), "zarr3").getPath("/", e.array());
    Map<?, ?> meta = (Map<?, ?>) Json.parse(Files.readAllBytes(dir.resolve("zarr.json")));

    assertThat(meta.get("zarr_format")).isEqualTo(3L);
    assertThat(Files.exists(dir.resolve(".zarray"))).isFalse();
    assertChecksum(e, ZarrArray.open(dir).read());
  }

  private static void assertChecksum(Manifest.Entry e, ArrayData data) {
    assertThat(data.shape()).containsExactly(e.shape());
    String sha = Canonical.sha256(data);
    if (e.status().equals("mismatch")) {
      assertThat(sha).isIn(e.spec().get("sha256"), e.spec().get("kerchunk_sha256"));
    } else {
      assertThat(sha).isEqualTo(e.spec().get("sha256"));
    }
  }

  @Test
  void decodedView_chunkSize_isDecodedSizeAndMissingChunksStayMissing() throws IOException {
    FileSystem fs = fs("golden/nc4_cf.json", "decoded");
    Path temp = fs.getPath("/temp");
    // temp: <f4, chunks [1, 3, 18, 36], shuffle + zlib
    assertThat(Files.size(temp.resolve("0.0.0.0"))).isEqualTo(4L * 3 * 18 * 36);
    assertThat(Files.readAllBytes(temp.resolve("0.0.0.0"))).hasSize(4 * 3 * 18 * 36);
    assertThatThrownBy(() -> Files.readAllBytes(temp.resolve("99.0.0.0")))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(Files.readAllBytes(fs.getPath("/.zgroup")))
        .isEqualTo(Files.readAllBytes(fs("golden/nc4_cf.json", "raw").getPath("/.zgroup")));
  }

  @Test
  void zarr3View_listsZarrJsonAndNoV2Metadata() throws IOException {
    FileSystem fs = fs("golden/nc4_groups.json", "zarr3");
    try (Stream<Path> s = Files.list(fs.getPath("/"))) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .contains("zarr.json", "forecast", "obs")
          .noneMatch(n -> n.startsWith(".z"));
    }
    Map<?, ?> group = (Map<?, ?>) Json.parse(Files.readAllBytes(fs.getPath("/forecast/zarr.json")));
    assertThat(group.get("node_type")).isEqualTo("group");
    Map<?, ?> big = (Map<?, ?>) Json.parse(Files.readAllBytes(fs.getPath("/obs/big/zarr.json")));
    assertThat(big.get("data_type")).isEqualTo("uint64");
    Map<?, ?> label =
        (Map<?, ?>) Json.parse(Files.readAllBytes(fs.getPath("/forecast/surface/label/zarr.json")));
    assertThat(label.get("data_type")).isEqualTo("r8");
    assertThat(label.get("fill_value")).isEqualTo(List.of(32L));
    Map<?, ?> text =
        (Map<?, ?>)
            Json.parse(
                Files.readAllBytes(
                    fs("golden/nc4_cf.json", "zarr3").getPath("/station_name/zarr.json")));
    assertThat(text.get("data_type")).isEqualTo("string");
    assertThat(text.get("codecs")).isEqualTo(List.of(Map.of("name", "vlen-utf8")));
    Map<?, ?> be =
        (Map<?, ?>)
            Json.parse(
                Files.readAllBytes(
                    fs("golden/hdf5_dtypes.json", "zarr3").getPath("/bigendian/f8/zarr.json")));
    assertThat(be.get("codecs"))
        .isEqualTo(List.of(Map.of("name", "bytes", "configuration", Map.of("endian", "big"))));
  }

  @Test
  void decodedView_consolidatedMetadata_isRewritten() throws IOException {
    String zarray =
        "{\"shape\":[4],\"chunks\":[4],\"dtype\":\"<i4\",\"fill_value\":0,\"order\":\"C\","
            + "\"filters\":[{\"id\":\"shuffle\",\"elementsize\":4}],\"compressor\":{\"id\":\"zlib\",\"level\":1},"
            + "\"zarr_format\":2}";
    String zmeta =
        "{\"metadata\":{\".zgroup\":{\"zarr_format\":2},\"a/.zarray\":"
            + zarray
            + "},\"zarr_consolidated_format\":1}";
    var set =
        ReferenceSets.builder()
            .putInline(".zgroup", "{\"zarr_format\":2}".getBytes(StandardCharsets.UTF_8))
            .putInline(".zmetadata", zmeta.getBytes(StandardCharsets.UTF_8))
            .putInline("a/.zarray", zarray.getBytes(StandardCharsets.UTF_8))
            .build();
    try (FileSystem fs =
        ReferenceFileSystems.newFileSystem(
            set, ReferenceFileSystemConfig.builder().view(ReferenceView.DECODED).build())) {
      Map<?, ?> doc = (Map<?, ?>) Json.parse(Files.readAllBytes(fs.getPath("/.zmetadata")));
      Map<?, ?> a = (Map<?, ?>) ((Map<?, ?>) doc.get("metadata")).get("a/.zarray");
      assertThat(a.get("compressor")).isNull();
      assertThat(a.get("filters")).isNull();
      assertThat(a.get("dtype")).isEqualTo("<i4");
      assertThat(doc.get("zarr_consolidated_format")).isEqualTo(1L);
      assertThat(Files.size(fs.getPath("/.zmetadata")))
          .isEqualTo(Files.readAllBytes(fs.getPath("/.zmetadata")).length);
    }
  }

  @Test
  void decodedView_corruptChunk_namesKeyAndTarget() throws IOException {
    String zarray =
        "{\"shape\":[4],\"chunks\":[4],\"dtype\":\"<i4\",\"fill_value\":0,\"order\":\"C\","
            + "\"filters\":null,\"compressor\":{\"id\":\"zlib\",\"level\":1},\"zarr_format\":2}";
    var set =
        ReferenceSets.builder()
            .putInline("a/.zarray", zarray.getBytes(StandardCharsets.UTF_8))
            .putInline("a/0", new byte[] {1, 2, 3, 4, 5})
            .build();
    try (FileSystem fs =
        ReferenceFileSystems.newFileSystem(
            set, ReferenceFileSystemConfig.builder().view(ReferenceView.DECODED).build())) {
      assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/a/0")))
          .isInstanceOf(ChunkDecodeException.class)
          .hasMessageContaining("array 'a' chunk '0'")
          .hasMessageContaining("inline data");
    }
  }
}
