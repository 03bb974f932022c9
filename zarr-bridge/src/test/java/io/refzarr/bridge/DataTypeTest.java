package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The decoder's view of Zarr v2 dtypes, parsed by the shared {@code io.refzarr.zarr.DType}. */
class DataTypeTest {

  @Test
  void parseV2_typeStrings_kindSizeOrder() throws ZarrFormatException {
    assertThat(DataType.parseV2(">f8"))
        .isEqualTo(new DataType(DataType.Kind.FLOAT, 8, ByteOrder.BIG_ENDIAN, List.of()));
    assertThat(DataType.parseV2("<U3"))
        .isEqualTo(new DataType(DataType.Kind.UNICODE, 12, ByteOrder.LITTLE_ENDIAN, List.of()));
    assertThat(DataType.parseV2("|O").kind()).isEqualTo(DataType.Kind.STRING);
    assertThat(DataType.parseV2("|O").size()).isZero();
    assertThat(DataType.parseV2("|S0").size()).isZero();
    assertThat(DataType.parseV2("<M8[ns]").kind()).isEqualTo(DataType.Kind.DATETIME);
    assertThat(DataType.parseV2("|V6").kind()).isEqualTo(DataType.Kind.RAW);
    assertThat(DataType.parseV2(">i2").typestr()).isEqualTo(">i2");
    assertThat(DataType.parseV2("|b1").typestr()).isEqualTo("|b1");
  }

  @Test
  void parseV2_structured_fieldsAtTheirOffsets() throws ZarrFormatException {
    DataType t = DataType.parseV2(List.of(List.of("x", "<i4"), List.of("y", ">f8")));
    assertThat(t.kind()).isEqualTo(DataType.Kind.STRUCT);
    assertThat(t.size()).isEqualTo(12);
    assertThat(t.fields()).extracting(DataType.Field::offset).containsExactly(0, 4);
    assertThat(t.typestr()).isEqualTo("[('x', '<i4'), ('y', '>f8')]");
    assertThat(t.needsSwap()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"<f2", "<f16", "<c32", "|U0", "<q4", "float32", "<i3"})
  void parseV2_typesTheDecoderLacks_formatException(String dtype) {
    assertThatThrownBy(() -> DataType.parseV2(dtype))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("unsupported dtype " + dtype);
  }

  @Test
  void parseV2_structuredFieldsTheDecoderLacks_formatException() {
    assertThatThrownBy(() -> DataType.parseV2(List.of(List.of("s", "|O"))))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("field s");
    assertThatThrownBy(() -> DataType.parseV2(List.of(List.of("a", "<i4", List.of(2L)))))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("field a");
    assertThatThrownBy(() -> DataType.parseV2(List.of(List.of("n", List.of(List.of("a", "<i4"))))))
        .isInstanceOf(ZarrFormatException.class)
        .hasMessageContaining("field n");
    assertThatThrownBy(() -> DataType.parseV2(42L)).isInstanceOf(ZarrFormatException.class);
  }
}
