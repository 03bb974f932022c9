package io.refzarr.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.testing.Corpus;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's jzarr and zarr-java snippets ("Opening a {@code reference} Path with jzarr,
 * zarr-java and N5"), as written there, on the corpus's netCDF4 set: {@code temp} is {@code <f4}
 * stored with shuffle and zlib in {@code filters}.
 */
class ReadmeSnippetsTest {

  @Test
  void jzarrSnippet_readsTemp() throws Exception {
    Path refs = Corpus.file("golden/nc4_cf.json");
    String data = Corpus.dir().toString();

    FileSystem fs = FileSystems.newFileSystem(refs, Map.of("root", data, "view", "decoded"));
    com.bc.zarr.ZarrArray temp = com.bc.zarr.ZarrArray.open(fs.getPath("/temp"));
    float[] values = (float[]) temp.read();

    assertThat(Golden.sha256(values, 4)).isEqualTo(manifestSha("nc4_cf", "temp"));
    fs.close();
  }

  @Test
  void zarrJavaSnippet_readsTemp() throws Exception {
    Path refs = Corpus.file("golden/nc4_cf.json");
    String data = Corpus.dir().toString();

    FileSystem fs3 = FileSystems.newFileSystem(refs, Map.of("root", data, "view", "zarr3"));
    var store = new dev.zarr.zarrjava.store.FilesystemStore(fs3.getPath("/"));
    ucar.ma2.Array temp3 = dev.zarr.zarrjava.v3.Array.open(store.resolve("temp")).read();

    assertThat(Golden.sha256(temp3.copyTo1DJavaArray(), 4))
        .isEqualTo(manifestSha("nc4_cf", "temp"));
    fs3.close();
  }

  private static Object manifestSha(String set, String array) throws java.io.IOException {
    return Golden.entries().stream()
        .filter(e -> e.set().equals(set) && e.array().equals(array))
        .findFirst()
        .orElseThrow()
        .spec()
        .get("sha256");
  }
}
