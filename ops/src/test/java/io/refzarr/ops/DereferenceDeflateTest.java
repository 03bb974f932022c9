package io.refzarr.ops;

import static io.refzarr.ops.OpsFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.bridge.ZarrArray;
import io.refzarr.internal.json.Json;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.SinkOptions;
import io.refzarr.source.ReferenceNotReachableException;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dereference} with {@code allowDeflate}: a zipped Zarr store whose members are deflated
 * becomes ranges of the zip (local header to end of compressed data) read with the {@code deflate}
 * codec, values equal to the originals.
 */
class DereferenceDeflateTest {
  @TempDir Path tmp;

  private Summary dereference(ReferenceSet set, Path out) throws IOException {
    try (ReferenceReader reader = ReferenceReader.create(ReferenceFileSystemConfig.DEFAULT)) {
      return ReferenceSets.write(
          out, SinkOptions.DEFAULT, sink -> ReferenceOps.dereference(set, reader, true, sink));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.json", "out.parq"})
  void zippedStore_jsonOrParquet_readsBackTheOriginalValues_throughZarrBridge(String name)
      throws IOException {
    Path zip = tmp.resolve("store.zip");
    ZippedZarr.write(zip, false);
    Path out = tmp.resolve(name);
    Path in = tmp.resolve("in." + name.substring(4)); // the input in the output's form
    boolean parquet = name.endsWith(".parq"); // whose metadata is inline
    ReferenceSets.write(
        in,
        SinkOptions.DEFAULT,
        sink -> {
          ReferenceSets.copy(ZippedZarr.chained(zip, parquet), sink);
          return null;
        });
    Summary s;
    try (ReferenceSet chained = open(in)) {
      s = dereference(chained, out);
    }
    assertThat(s.keys()).isEqualTo(ZippedZarr.members().size());
    // every member key, and the two .zarray keys (given the deflate codec)
    assertThat(s.rewritten()).isEqualTo(parquet ? 5 + 2 : s.keys());
    try (ReferenceSet result = open(out);
        ReferenceReader reader = ReferenceReader.create(ReferenceFileSystemConfig.DEFAULT)) {
      Reference.Range chunk = (Reference.Range) result.get("temp/1.0").orElseThrow();
      assertThat(chunk.target()).isEqualTo(zip.toUri().toString());
      byte[] head = reader.read("temp/1.0", chunk);
      assertThat(head).startsWith('P', 'K', 3, 4); // the range starts at the local header
      assertThat(Json.parse(reader.read("temp/.zarray", result.get("temp/.zarray").orElseThrow())))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("compressor", Map.of("id", "deflate"))
          .containsEntry("filters", List.of(Map.of("id", "zlib", "level", 1L)));
      assertThat(result.get("temp/.zattrs").orElseThrow()).isInstanceOf(Reference.Inline.class);
      try (FileSystem fs =
          ReferenceFileSystems.newFileSystem(result, ReferenceFileSystemConfig.DEFAULT)) {
        assertThat(ZarrArray.open(fs.getPath("/temp")).read().toIntArray())
            .containsExactly(ZippedZarr.TEMP);
        assertThat(ZarrArray.open(fs.getPath("/idx")).read().toDoubleArray())
            .containsExactly(ZippedZarr.IDX);
      }
    }
  }

  @Test
  void withoutTheOption_aDeflatedMember_isStillRefused() throws IOException {
    Path zip = tmp.resolve("store.zip");
    ZippedZarr.write(zip, false);
    try (ReferenceReader reader = ReferenceReader.create(ReferenceFileSystemConfig.DEFAULT)) {
      assertThatThrownBy(
              () ->
                  ReferenceSets.write(
                      tmp.resolve("o.json"),
                      SinkOptions.DEFAULT,
                      sink -> ReferenceOps.dereference(ZippedZarr.chained(zip), reader, sink)))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("deflate");
    }
  }

  @Test
  void aRangeInsideADeflatedMember_isRefusedNamingKeyAndMember() throws IOException {
    Path zip = tmp.resolve("store.zip");
    ZippedZarr.write(zip, false);
    ReferenceSet set =
        ReferenceSets.of(
            Map.of("temp/0.0", Reference.range("zip://temp/0.0::" + zip.toUri(), 4, 8)));
    assertRefused(
        set,
        ReferenceNotReachableException.class,
        "temp/0.0::",
        "a reference of 8 bytes at offset 4",
        "only whole deflated members");
  }

  @Test
  void anArrayOfDeflatedAndStoredChunks_isRefusedNamingTheArray() throws IOException {
    Path zip = tmp.resolve("mixed.zip");
    ZippedZarr.write(zip, true);
    assertRefused(
        ZippedZarr.chained(zip), InvalidReferenceSetException.class, "array temp", "deflated");
  }

  @Test
  void aDeflatedChunkInNoArray_isRefused() throws IOException {
    Path zip = tmp.resolve("store.zip");
    ZippedZarr.write(zip, false);
    ReferenceSet set =
        ReferenceSets.of(Map.of("loose/0", Reference.whole("zip://temp/0.0::" + zip.toUri())));
    assertRefused(set, ReferenceNotReachableException.class, "loose/0", "outside any array");
  }

  /** Dereferencing {@code set} fails with {@code type} naming every part, and writes nothing. */
  private void assertRefused(ReferenceSet set, Class<? extends Throwable> type, String... parts) {
    Path out = tmp.resolve("o.json");
    var thrown = assertThatThrownBy(() -> dereference(set, out)).isInstanceOf(type);
    for (String part : parts) {
      thrown.hasMessageContaining(part);
    }
    assertThat(out).doesNotExist();
  }
}
