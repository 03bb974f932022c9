package io.refzarr.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bc.zarr.ZarrArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jzarr ({@code dev.zarr:jzarr} 0.4.2) reads the corpus through the {@code reference} file system,
 * as its users open a store: {@code ZarrArray.open(Path)}, then {@code read()}. jzarr knows the
 * types {@code f8 f4 i8 i4 u4 i2 u2 i1 u1} of rank 1 and more; it refuses the others ({@code u8},
 * {@code b1}, {@code S}, {@code O}, 0-d arrays) with an exception, never wrong values.
 */
class JzarrTest {
  private static final Set<String> TYPES =
      Set.of("f8", "f4", "i8", "i4", "u4", "i2", "u2", "i1", "u1");

  static Stream<Golden.Entry> entries() throws IOException {
    return Golden.entries().stream();
  }

  static Stream<Golden.Entry> readableFiltered() throws IOException {
    return entries().filter(e -> readable(e) && e.filtered());
  }

  static boolean readable(Golden.Entry e) {
    return e.numeric() && TYPES.contains(e.dtype().substring(1)) && e.rank() > 0;
  }

  private static Path array(Golden.Entry e, String view) throws IOException {
    return Golden.fs(e, view).getPath("/", e.array());
  }

  /** Through {@code view=decoded}: every array of a type jzarr knows has the manifest's values. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void decodedView_read_matchesManifestOrRefusesType(Golden.Entry e) throws Exception {
    if (!readable(e)) {
      assertThatThrownBy(() -> ZarrArray.open(array(e, "decoded")).read())
          .isInstanceOf(RuntimeException.class);
      return;
    }
    ZarrArray array = ZarrArray.open(array(e, "decoded"));
    Object values = array.read();

    assertThat(array.getShape()).containsExactly(e.shape());
    assertThat(Golden.sha256(values, Golden.itemSize(e.dtype()))).isIn(e.checksums());
  }

  /**
   * Without the view ({@code view=raw}, the default), the same reads of arrays stored with {@code
   * filters} (kerchunk's zlib and shuffle) come back wrong (jzarr ignores {@code filters}) or fail:
   * the view is what makes them right. (jzarr reads Blosc compressors itself, through a native
   * libblosc where installed.)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("readableFiltered")
  void rawView_filteredArrays_wrongOrRefused(Golden.Entry e) {
    String sha;
    try {
      sha = Golden.sha256(ZarrArray.open(array(e, "raw")).read(), Golden.itemSize(e.dtype()));
    } catch (Exception | LinkageError refused) {
      return; // refused: the zlib stream is not a chunk of the size jzarr expects
    }
    assertThat(sha).isNotIn(e.checksums());
  }
}
