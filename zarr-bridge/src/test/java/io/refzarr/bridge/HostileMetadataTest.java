package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed array metadata fails at open with a {@link ZarrFormatException} naming the array, never
 * an undeclared runtime exception or a failure deferred to the first read (issue 16, finding 7).
 */
class HostileMetadataTest {
  @TempDir Path dir;

  private static String v3(String shape, String chunkShape) {
    return "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":"
        + shape
        + ",\"data_type\":\"int16\","
        + "\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":"
        + chunkShape
        + "}},"
        + "\"chunk_key_encoding\":{\"name\":\"default\",\"configuration\":{\"separator\":\"/\"}},"
        + "\"codecs\":[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}}],\"fill_value\":0}";
  }

  private Path array(String name, String zarrJson) throws IOException {
    Path a = Files.createDirectories(dir.resolve(name));
    Files.writeString(a.resolve("zarr.json"), zarrJson);
    return a;
  }

  @Test
  void open_v3ChunkShapeOfAnotherRank_failsNamingTheArray() throws IOException {
    Path a = array("rank", v3("[4,4]", "[2]"));

    assertThatThrownBy(() -> ZarrArray.open(a))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("rank")
        .hasMessageContaining("chunk_shape [2] has rank 1");
  }

  @Test
  void open_v3NegativeShape_failsAtOpen() throws IOException {
    Path a = array("negative", v3("[-4]", "[2]"));

    assertThatThrownBy(() -> ZarrArray.open(a))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("negative")
        .hasMessageContaining("shape [-4]");
  }

  @Test
  void open_malformedJson_isZarrFormatExceptionNamingTheFile() throws IOException {
    Path a = array("broken", "{\"zarr_format\":3,\"node_type\":");
    Path b = Files.createDirectories(dir.resolve("broken2"));
    Files.writeString(b.resolve(".zarray"), "");

    assertThatThrownBy(() -> ZarrArray.open(a))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("broken")
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> ZarrArray.open(b))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("broken2");
  }

  @Test
  void open_v3GoodGrid_opens() throws IOException {
    Path a = array("good", v3("[4,4]", "[2,2]"));

    assertThat(ZarrArray.open(a)).isNotNull();
  }
}
