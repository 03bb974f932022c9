package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.UnsupportedFeatureException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Datatypes outside the corpus (types.h5 from make_fixtures.py): reported, mapped or embedded. */
class DatatypeTest {
  private static final ScanOptions SKIP = ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP);

  @Test
  void scan_referencesAndArrayTypesUnderSkip_reportedWithTheTypeAndLeftOut() throws Exception {
    Scans.Result r = Scans.file(fixture(), "types.h5", SKIP);
    Map<String, String> skipped =
        r.report().skipped().stream()
            .collect(Collectors.toMap(ScanReport.Skipped::object, ScanReport.Skipped::reason));
    assertThat(skipped.keySet()).containsExactlyInAnyOrder("/refs", "/arr");
    assertThat(skipped.get("/refs")).contains("Reference");
    assertThat(skipped.get("/arr")).contains("ArrayDataType");
    assertThat(r.refs().keys().filter(k -> k.startsWith("refs/") || k.startsWith("arr/")))
        .isEmpty();
  }

  @Test
  void scan_referencesUnderFail_failNamingFileAndObject() throws Exception {
    assertThatThrownBy(
            () ->
                Scans.file(
                    fixture(), "types.h5", ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.FAIL)))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("types.h5: /arr");
  }

  @Test
  void scan_labelledEnum_baseIntegersAsH5pyReadsThem() throws Exception {
    ReferenceSet refs = Scans.file(fixture(), "types.h5", SKIP).refs();
    assertThat(zarray(refs, "enum_i2").get("dtype")).isEqualTo("<i2");
    ByteBuffer b =
        ByteBuffer.wrap(((Reference.Inline) refs.get("enum_i2/0").orElseThrow()).data())
            .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new short[] {b.getShort(), b.getShort(), b.getShort()}).containsExactly(0, 1, 42);
  }

  @Test
  void scan_complexCompound_numpyComplexDtypeAndValues() throws Exception {
    ReferenceSet refs = Scans.file(fixture(), "types.h5", SKIP).refs();
    Map<String, Object> zarray = zarray(refs, "c8");
    assertThat(zarray.get("dtype")).isEqualTo("<c8");
    assertThat(zarray.get("fill_value")).isEqualTo(List.of(0.0, 0.0));
    ByteBuffer b =
        ByteBuffer.wrap(((Reference.Inline) refs.get("c8/0").orElseThrow()).data())
            .order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < 3; k++) { // k * (1 + 2j)
      assertThat(b.getFloat()).isEqualTo(k);
      assertThat(b.getFloat()).isEqualTo(2f * k);
    }
  }

  @Test
  void scan_compoundAnd2dAttributes_fieldValuesAndNestedLists() throws Exception {
    ReferenceSet refs = Scans.file(fixture(), "types.h5", SKIP).refs();
    @SuppressWarnings("unchecked")
    Map<String, Object> attrs =
        (Map<String, Object>)
            Json.parse(((Reference.Inline) refs.get(".zattrs").orElseThrow()).data());
    assertThat(attrs.get("record")).isEqualTo(List.of(1L, 2.5));
    assertThat(attrs.get("records")).isEqualTo(List.of(List.of(1L, 2.5), List.of(3L, 4.5)));
    assertThat(attrs.get("matrix")).isEqualTo(List.of(List.of(0L, 1L), List.of(2L, 3L)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> zarray(ReferenceSet refs, String name) throws Exception {
    return (Map<String, Object>)
        Json.parse(((Reference.Inline) refs.get(name + "/.zarray").orElseThrow()).data());
  }

  private static Path fixture() throws Exception {
    return ChunkIndexTest.fixture("types.h5");
  }
}
