package io.refzarr.refs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Inputs the fuzz tests found (README "Fuzzing"), as plain regression tests with their expected
 * failure; the inputs themselves are also kept as seeds of the fuzz targets.
 */
class FuzzFindingsTest {

  @Test
  void readJson_leadingZeroBytes_failAsInvalidSetNotAsCharConversion() {
    // four zero bytes make Jackson guess UTF-32, whose decoder then throws CharConversionException
    byte[] json = "\0\0\0\0rsion\":1,\"refs\":{}}".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(
            () -> ReferenceSets.readJson(json, "zeros.json", new ReadOptions(Map.of(), 10, 10)))
        .isExactlyInstanceOf(InvalidReferenceSetException.class)
        .hasMessageContaining("zeros.json")
        .hasMessageContaining("not UTF-8");
  }
}
