package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group listing: from consolidated metadata when present, else from the directory tree (v2 and v3).
 */
class GroupTest {
  private static final String ZARRAY =
      "{\"zarr_format\":2,\"shape\":[2],\"chunks\":[2],\"dtype\":\"<i2\","
          + "\"fill_value\":7,\"order\":\"C\",\"compressor\":null,\"filters\":null}";
  @TempDir Path tmp;

  @Test
  void arrayPaths_consolidatedMetadata_listsWhatItNames() throws IOException {
    LocalStores.write(tmp.resolve(".zgroup"), "{\"zarr_format\":2}");
    LocalStores.write(
        tmp.resolve(".zmetadata"),
        "{\"zarr_consolidated_format\":1,\"metadata\":{"
            + "\".zgroup\":{\"zarr_format\":2},\"a/.zarray\":"
            + ZARRAY
            + ",\"g/b/.zarray\":"
            + ZARRAY
            + "}}");
    LocalStores.write(tmp.resolve("a/.zarray"), ZARRAY);

    ZarrGroup g = ZarrGroup.open(tmp);

    assertThat(g.arrayPaths()).containsExactly("a", "g/b");
    assertThat(g.arrayNames()).containsExactly("a");
  }

  @Test
  void arrayPaths_nestedV2AndV3Directories_listsArraysBelowGroups() throws IOException {
    LocalStores.write(tmp.resolve(".zattrs"), "{\"title\":\"t\"}");
    LocalStores.write(tmp.resolve("x/.zarray"), ZARRAY);
    LocalStores.write(tmp.resolve("sub/.zgroup"), "{\"zarr_format\":2}");
    LocalStores.write(tmp.resolve("sub/deeper/y/.zarray"), ZARRAY);
    LocalStores.write(
        tmp.resolve("v3/zarr.json"),
        "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[2],"
            + "\"data_type\":\"int16\",\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[2]}},"
            + "\"fill_value\":5,\"codecs\":[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}}]}");

    ZarrGroup g = ZarrGroup.open(tmp);

    assertThat(g.attributes()).containsEntry("title", "t");
    assertThat(g.arrayPaths()).containsExactly("sub/deeper/y", "v3", "x");
    assertThat(g.group("sub").arrayPaths()).containsExactly("deeper/y");
    assertThat(g.array("x").read().toIntArray()).containsExactly(7, 7);
    assertThat(g.array("v3").read().toIntArray()).containsExactly(5, 5);
  }

  @Test
  void open_notADirectory_isNoSuchFile() {
    assertThatThrownBy(() -> ZarrGroup.open(tmp.resolve("absent")))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> ZarrArray.open(tmp))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("not a Zarr array");
  }
}
