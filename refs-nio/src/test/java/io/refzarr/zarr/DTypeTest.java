package io.refzarr.zarr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DTypeTest {

  @ParameterizedTest
  @CsvSource({
    "<f4, FLOAT, LITTLE_ENDIAN, 4",
    ">f8, FLOAT, BIG_ENDIAN, 8",
    "<f2, FLOAT, LITTLE_ENDIAN, 2",
    ">i2, INT, BIG_ENDIAN, 2",
    "|i1, INT, LITTLE_ENDIAN, 1",
    "|u1, UINT, LITTLE_ENDIAN, 1",
    "<u8, UINT, LITTLE_ENDIAN, 8",
    "=i4, INT, LITTLE_ENDIAN, 4",
    "i4, INT, LITTLE_ENDIAN, 4",
    "|b1, BOOL, LITTLE_ENDIAN, 1",
    ">c16, COMPLEX, BIG_ENDIAN, 16",
    "|S10, BYTES, LITTLE_ENDIAN, 10",
    ">U3, UNICODE, BIG_ENDIAN, 12",
    "|O, OBJECT, LITTLE_ENDIAN, 8",
    "|V7, VOID, LITTLE_ENDIAN, 7",
    "<M8[s], DATETIME, LITTLE_ENDIAN, 8",
    ">m8[ns], TIMEDELTA, BIG_ENDIAN, 8",
    "M8[ns], DATETIME, LITTLE_ENDIAN, 8",
  })
  void parse_typeString_kindOrderSizeAndSpellingKept(
      String s, DType.Kind kind, String order, int size) {
    DType t = DType.parse(s);
    assertThat(t.kind()).isEqualTo(kind);
    assertThat(t.order())
        .isEqualTo(order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    assertThat(t.itemSize()).isEqualTo(size);
    assertThat(t.toJson()).isEqualTo(s);
    assertThat(t.toString()).isEqualTo(s);
    assertThat(t.fields()).isEmpty();
    assertThat(t.isStructured()).isFalse();
  }

  @Test
  void parse_datetime_unitIsKept() {
    assertThat(DType.parse("<M8[ns]").unit()).hasValue("ns");
    assertThat(DType.parse("<m8[10ms]").unit()).hasValue("10ms");
    assertThat(DType.parse("<M8").unit()).isEmpty();
    assertThat(DType.parse("<f8").unit()).isEmpty();
  }

  @Test
  void parse_structured_fieldsPackedInOrder() {
    List<Object> json =
        List.of(
            List.of("x", "<i4"),
            List.of("y", ">f8"),
            List.of("v", "<u2", List.of(2L, 3L)),
            List.of("s", List.of(List.of("a", "|u1"), List.of("b", "|S3"))));
    DType t = DType.parse(json);
    assertThat(t.isStructured()).isTrue();
    assertThat(t.kind()).isEqualTo(DType.Kind.STRUCTURED);
    assertThat(t.kind().code()).isEqualTo('V');
    assertThat(t.itemSize()).isEqualTo(4 + 8 + 12 + 4);
    assertThat(t.fields()).extracting(DType.Field::name).containsExactly("x", "y", "v", "s");
    assertThat(t.fields()).extracting(DType.Field::offset).containsExactly(0, 4, 12, 24);
    assertThat(t.fields().get(1).type()).isEqualTo(DType.parse(">f8"));
    assertThat(t.fields().get(2).shape()).containsExactly(2, 3);
    assertThat(t.fields().get(3).type().fields()).hasSize(2);
    assertThat(t.toJson()).isEqualTo(json);
    assertThat(t.toString())
        .isEqualTo(
            "[[\"x\",\"<i4\"],[\"y\",\">f8\"],[\"v\",\"<u2\",[2,3]],"
                + "[\"s\",[[\"a\",\"|u1\"],[\"b\",\"|S3\"]]]]");
    assertThatThrownBy(() -> ((List<?>) t.toJson()).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void of_writesNumpysCanonicalSpelling() {
    assertThat(DType.of(DType.Kind.FLOAT, ByteOrder.LITTLE_ENDIAN, 4).toJson()).isEqualTo("<f4");
    assertThat(DType.of(DType.Kind.INT, ByteOrder.BIG_ENDIAN, 2).toJson()).isEqualTo(">i2");
    assertThat(DType.of(DType.Kind.UINT, ByteOrder.BIG_ENDIAN, 1).toJson()).isEqualTo("|u1");
    assertThat(DType.of(DType.Kind.BOOL, null, 1).toJson()).isEqualTo("|b1");
    assertThat(DType.of(DType.Kind.BYTES, ByteOrder.BIG_ENDIAN, 10).toJson()).isEqualTo("|S10");
    assertThat(DType.of(DType.Kind.OBJECT, null, 8).toJson()).isEqualTo("|O");
    assertThat(DType.of(DType.Kind.UNICODE, ByteOrder.BIG_ENDIAN, 12).toJson()).isEqualTo(">U3");
    assertThat(DType.of(DType.Kind.COMPLEX, ByteOrder.BIG_ENDIAN, 8).toJson()).isEqualTo(">c8");
    assertThatThrownBy(() -> DType.of(DType.Kind.DATETIME, null, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DType.of(DType.Kind.FLOAT, null, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<f3");
  }

  @Test
  void equality_comparesSpellings() {
    assertThat(DType.parse("<f4"))
        .isEqualTo(DType.parse("<f4"))
        .hasSameHashCodeAs(DType.parse("<f4"));
    assertThat(DType.parse("<f4")).isNotEqualTo(DType.parse(">f4")).isNotEqualTo(DType.parse("f4"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "f",
        "<f",
        "<i3",
        "<f5",
        "<c4",
        "|b2",
        "<M4[s]",
        "<M8[fortnight]",
        "<f4[s]",
        "<x4",
        "<<f4",
        "<f4 ",
        "float32",
        "<O4",
        "|S-1",
        "<U99999999999",
        "<i04x"
      })
  void parse_badTypeString_namesIt(String s) {
    assertThatThrownBy(() -> DType.parse(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + s + "\"");
  }

  @Test
  void parse_badStructuredOrValue_saysWhatIsWrong() {
    assertThatThrownBy(() -> DType.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a numpy dtype");
    assertThatThrownBy(() -> DType.parse(42L)).hasMessageEndingWith(": 42");
    assertThatThrownBy(() -> DType.parse(Map.of("x", "<f4")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DType.parse(List.of(List.of("x"))))
        .hasMessageContaining("not [name, type] or [name, type, shape]");
    assertThatThrownBy(() -> DType.parse(List.of(List.of(1L, "<f4"))))
        .hasMessageContaining("[name, type]");
    assertThatThrownBy(() -> DType.parse(List.of(List.of("x", "<f4"), List.of("x", "<i2"))))
        .hasMessageContaining("\"x\" twice");
    assertThatThrownBy(() -> DType.parse(List.of(List.of("x", "<q4"))))
        .hasMessageContaining("\"<q4\"");
    assertThatThrownBy(() -> DType.parse(List.of(List.of("x", "<f4", List.of(-1L)))))
        .hasMessageContaining("bad shape");
    assertThatThrownBy(
            () -> DType.parse(List.of(List.of("x", "|V2000000000"), List.of("y", "|V2000000000"))))
        .hasMessageContaining("larger than 2 GiB");
  }
}
