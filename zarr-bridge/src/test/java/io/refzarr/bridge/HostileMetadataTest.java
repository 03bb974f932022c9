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

  private Path v2(String name, String dtype, String fill) throws IOException {
    Path a = Files.createDirectories(dir.resolve(name));
    Files.writeString(
        a.resolve(".zarray"),
        "{\"zarr_format\":2,\"shape\":[2],\"chunks\":[2],\"dtype\":\""
            + dtype
            + "\",\"compressor\":null,\"filters\":null,\"order\":\"C\",\"fill_value\":"
            + fill
            + "}");
    return a;
  }

  @Test
  void open_integerFillValueWiderThanTheType_isRefusedNotCut() throws IOException {
    // 2^40 as int32 kept its low bits: every missing chunk read as 0
    Path a = v2("wide", "<i4", "1099511627776");
    Path b = v2("negative", "|u1", "-129");

    assertThatThrownBy(() -> ZarrArray.open(a))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("wide")
        .hasMessageContaining("fill_value 1099511627776");
    assertThatThrownBy(() -> ZarrArray.open(b))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("-129");
  }

  @Test
  void read_integerFillValueOfTheWidthSignedOrUnsigned_isItsBits() throws IOException {
    assertThat(ZarrArray.open(v2("u1", "|u1", "-1")).read().toIntArray()).containsExactly(255, 255);
    assertThat(ZarrArray.open(v2("i1", "|i1", "255")).read().toIntArray()).containsExactly(-1, -1);
    assertThat(ZarrArray.open(v2("u8", "<u8", "18446744073709551615")).read().toLongArray())
        .containsExactly(-1L, -1L);
    assertThat(ZarrArray.open(v2("i2", "<i2", "-7.9")).read().toIntArray()).containsExactly(-7, -7);
  }
}
