package io.refzarr.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr.zarrjava.store.FilesystemStore;
import dev.zarr.zarrjava.store.StoreHandle;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * zarr-java ({@code dev.zarr:zarr-java} 0.0.9) reads the corpus through the {@code reference} file
 * system, as its users open a store: {@code new FilesystemStore(root).resolve(...)}, {@code
 * Array.open}, {@code read()}. Its Zarr v3 reader takes every numeric and bool array of the corpus
 * through {@code view=zarr3}; its v2 reader refuses big-endian types and reads 0-d arrays as their
 * fill value, so the v3 view is the one to use with it.
 */
class ZarrJavaTest {
  static Stream<Golden.Entry> entries() throws IOException {
    return Golden.entries().stream();
  }

  static Stream<Golden.Entry> numeric() throws IOException {
    return entries().filter(Golden.Entry::numeric);
  }

  static Stream<Golden.Entry> nonNumeric() throws IOException {
    return entries().filter(e -> !e.numeric());
  }

  static Stream<Golden.Entry> numericOfRankOneAndMore() throws IOException {
    return numeric().filter(e -> e.rank() > 0);
  }

  static Stream<Golden.Entry> filteredOrScalar() throws IOException {
    return numeric().filter(e -> e.filtered() || e.rank() == 0);
  }

  private static StoreHandle array(Golden.Entry e, String view) throws IOException {
    return new FilesystemStore(Golden.fs(e, view).getPath("/")).resolve(e.parts());
  }

  /** Through {@code view=zarr3}: every numeric and bool array has the manifest's values. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("numeric")
  void zarr3View_read_matchesManifest(Golden.Entry e) throws Exception {
    ucar.ma2.Array values = dev.zarr.zarrjava.v3.Array.open(array(e, "zarr3")).read();

    assertThat(values.getShape()).containsExactly(e.shape());
    assertThat(Golden.sha256(values.copyTo1DJavaArray(), Golden.itemSize(e.dtype())))
        .isIn(e.checksums());
  }

  /**
   * zarr-java returns numbers and bools only: the strings and bytes of the zarr3 view are refused.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("nonNumeric")
  void zarr3View_stringsAndBytes_refused(Golden.Entry e) {
    assertThatThrownBy(() -> dev.zarr.zarrjava.v3.Array.open(array(e, "zarr3")).read()).isNotNull();
  }

  /**
   * Through {@code view=decoded}: its v2 reader gets every little-endian numeric array of rank 1
   * and more right (it reads a 0-d array as its fill value whatever the chunk holds).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("numericOfRankOneAndMore")
  void decodedView_v2Read_matchesManifestOrRefusesBigEndian(Golden.Entry e) throws Exception {
    StoreHandle handle = array(e, "decoded");
    if (storedDtype(e).startsWith(">")) {
      assertThatThrownBy(() -> dev.zarr.zarrjava.v2.Array.open(handle).read()).isNotNull();
      return;
    }
    ucar.ma2.Array values = dev.zarr.zarrjava.v2.Array.open(handle).read();

    assertThat(values.getShape()).containsExactly(e.shape());
    assertThat(Golden.sha256(values.copyTo1DJavaArray(), Golden.itemSize(e.dtype())))
        .isIn(e.checksums());
  }

  /**
   * Without the view, arrays stored with {@code filters} are refused (zarr-java knows no shuffle
   * and no zlib filter) and 0-d arrays read as their fill value: the view is what makes them right.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("filteredOrScalar")
  void rawView_filteredAndScalarArrays_wrongOrRefused(Golden.Entry e) {
    String sha;
    try {
      ucar.ma2.Array values = dev.zarr.zarrjava.v2.Array.open(array(e, "raw")).read();
      sha = Golden.sha256(values.copyTo1DJavaArray(), Golden.itemSize(e.dtype()));
    } catch (Exception refused) {
      // refused for its codecs or type: no shuffle, zlib only as the compressor, little-endian only
      assertThat(java.util.Objects.toString(refused.getMessage()))
          .containsAnyOf("known type ids", "cannot follow after", "not one of the values accepted");
      return;
    }
    assertThat(sha).isNotIn(e.checksums());
  }

  private static String storedDtype(Golden.Entry e) throws IOException {
    String zarray =
        new String(
            java.nio.file.Files.readAllBytes(
                Golden.fs(e, "raw").getPath("/", e.array(), ".zarray")),
            java.nio.charset.StandardCharsets.UTF_8);
    return zarray.replaceAll("(?s).*\"dtype\"\\s*:\\s*\"([^\"]+)\".*", "$1");
  }
}
