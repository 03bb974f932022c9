package io.refzarr.scan.netcdf3;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.Scanners;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record layouts, CDF-5 types and attribute typing, on files written by {@link Netcdf3Writer}. */
class Netcdf3LayoutTest {
  private static final ScanOptions NO_INLINE = ScanOptions.DEFAULT.withInlineThreshold(0);

  @TempDir Path dir;

  @Test
  void scan_cdf5ExtraTypes_valuesReadBackAndDtypesUnsigned() throws IOException {
    Netcdf3Writer w = new Netcdf3Writer(5).dim("rec", 0).dim("n", 3).records(5);
    byte[] u1 = Netcdf3Writer.encode(NcType.UBYTE, 0, 200, 255);
    byte[] u2 = Netcdf3Writer.encode(NcType.USHORT, 1, 65535, 300);
    byte[] u4 = Netcdf3Writer.encode(NcType.UINT, 7, 4_000_000_000L, 0);
    byte[] i8 = Netcdf3Writer.encode(NcType.INT64, Long.MIN_VALUE, -1, Long.MAX_VALUE);
    byte[] u8 = Netcdf3Writer.encode(NcType.UINT64, -1L, 0, 1L << 63);
    byte[] recU1 = sequence(15);
    byte[] recU2 = sequence(10);
    byte[] recI8 = sequence(40);
    w.var("u1", NcType.UBYTE, u1, "n");
    w.var("u2", NcType.USHORT, u2, "n");
    w.var("u4", NcType.UINT, u4, "n");
    w.var("i8", NcType.INT64, i8, "n").attr("valid_max", NcType.UINT64, -1L);
    w.var("u8", NcType.UINT64, u8, "n");
    w.var("rec_u1", NcType.UBYTE, recU1, "rec", "n");
    w.var("rec_u2", NcType.USHORT, recU2, "rec");
    w.var("rec_i8", NcType.INT64, recI8, "rec");
    ScanResult r = scan(w, NO_INLINE);

    assertThat(r.zarray("u1").dtype().toJson()).isEqualTo("|u1");
    assertThat(r.zarray("u2").dtype().toJson()).isEqualTo(">u2");
    assertThat(r.zarray("u4").dtype().toJson()).isEqualTo(">u4");
    assertThat(r.zarray("i8").dtype().toJson()).isEqualTo(">i8");
    assertThat(r.zarray("u8").dtype().toJson()).isEqualTo(">u8");
    assertThat(r.readArray("u1")).isEqualTo(u1);
    assertThat(r.readArray("u2")).isEqualTo(u2);
    assertThat(r.readArray("u4")).isEqualTo(u4);
    assertThat(r.readArray("i8")).isEqualTo(i8);
    assertThat(r.readArray("u8")).isEqualTo(u8);
    assertThat(r.readArray("rec_u1")).isEqualTo(recU1);
    assertThat(r.readArray("rec_u2")).isEqualTo(recU2);
    assertThat(r.readArray("rec_i8")).isEqualTo(recI8);
    assertThat(r.zattrs("i8").get("valid_max")).isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(
            ((Reference.Range) r.ref("rec_u1/1.0")).offset()
                - ((Reference.Range) r.ref("rec_u1/0.0")).offset())
        .isEqualTo(4 + 4 + 8);
  }

  @Test
  void scan_singleRecordVariable_recordsAreNotPadded() throws IOException {
    byte[] data = sequence(4 * 3 * 2);
    Netcdf3Writer w = new Netcdf3Writer(1).dim("t", 0).dim("n", 3).records(4);
    w.var("lon", NcType.FLOAT, Netcdf3Writer.encode(NcType.FLOAT, 1f, 2f, 3f), "n");
    w.var("code", NcType.SHORT, data, "t", "n");
    ScanResult r = scan(w, NO_INLINE);

    Reference.Range first = (Reference.Range) r.ref("code/0.0");
    assertThat(r.ref("code/3.0")).isEqualTo(Reference.range("f.nc", first.offset() + 3 * 6, 6));
    assertThat(r.readArray("code")).isEqualTo(data);
    assertThat(r.zarray("code").shape()).containsExactly(4, 3);
    assertThat(r.zarray("code").chunks()).containsExactly(1, 3);
  }

  @Test
  void scan_smallTypesAmongRecordVariables_eachRecordPaddedToFourBytes() throws IOException {
    byte[] b = sequence(6);
    byte[] s = sequence(6 * 3 * 2);
    byte[] c = sequence(6 * 5);
    byte[] f = sequence(6 * 4);
    Netcdf3Writer w = new Netcdf3Writer(2).dim("t", 0).dim("three", 3).dim("five", 5).records(6);
    w.var("b", NcType.BYTE, b, "t");
    w.var("s", NcType.SHORT, s, "t", "three");
    w.var("c", NcType.CHAR, c, "t", "five");
    w.var("f", NcType.FLOAT, f, "t");
    ScanResult r = scan(w, NO_INLINE);

    long stride =
        ((Reference.Range) r.ref("b/1")).offset() - ((Reference.Range) r.ref("b/0")).offset();
    assertThat(stride).isEqualTo(4 + 8 + 8 + 4);
    assertThat(r.readArray("b")).isEqualTo(b);
    assertThat(r.readArray("s")).isEqualTo(s);
    assertThat(r.readArray("c")).isEqualTo(c);
    assertThat(r.readArray("f")).isEqualTo(f);
    assertThat(r.zarray("c").dtype().toJson()).isEqualTo("|S1");
  }

  @Test
  void scan_smallRecordVariableUnderThreshold_inlinedWholeAsRawBytes() throws IOException {
    byte[] time = Netcdf3Writer.encode(NcType.DOUBLE, 0.0, 6.0, 12.0);
    byte[] big = sequence(3 * 400);
    Netcdf3Writer w = new Netcdf3Writer(1).dim("t", 0).dim("n", 100).records(3);
    w.var("time", NcType.DOUBLE, time, "t");
    w.var("big", NcType.FLOAT, big, "t", "n");
    ScanResult r = scan(w, ScanOptions.DEFAULT);

    assertThat(r.ref("time/0")).isEqualTo(Reference.inline(time));
    assertThat(r.zarray("time").chunks()).containsExactly(3);
    assertThat(r.ref("big/2.0")).isInstanceOf(Reference.Range.class);
    assertThat(r.readArray("big")).isEqualTo(big);
  }

  @Test
  void scan_scalarVariable_oneChunkKeyedZero() throws IOException {
    byte[] pi = Netcdf3Writer.encode(NcType.DOUBLE, Math.PI);
    Netcdf3Writer w = new Netcdf3Writer(1);
    w.var("pi", NcType.DOUBLE, pi);
    ScanResult r = scan(w, NO_INLINE);

    assertThat(r.zarray("pi").shape()).isEmpty();
    assertThat(r.readArray("pi")).isEqualTo(pi);
    assertThat(r.zattrs("pi").get("_ARRAY_DIMENSIONS")).isEqualTo(List.of());
  }

  @Test
  void scan_attributes_keepTheirNetcdfTypes() throws IOException {
    Netcdf3Writer w =
        new Netcdf3Writer(1)
            .dim("n", 2)
            .globalText("title", "typed\0")
            .global("shorts", NcType.SHORT, 1, -2, 3)
            .global("one_int", NcType.INT, 123456)
            .global("floats", NcType.FLOAT, 0.1f, 0.25f)
            .global("third", NcType.DOUBLE, 1.0 / 3.0)
            .global("empty", NcType.INT);
    w.var("v", NcType.FLOAT, new byte[8], "n")
        .attr("scale_factor", NcType.FLOAT, 0.01f)
        .text("units", "K");
    ScanResult r = scan(w, NO_INLINE);

    Map<String, Object> g = r.zattrs("");
    assertThat(g)
        .containsEntry("title", "typed")
        .containsEntry("one_int", 123456L)
        .containsEntry("shorts", List.of(1L, -2L, 3L))
        .containsEntry("floats", List.of(0.1, 0.25))
        .containsEntry("third", 1.0 / 3.0)
        .containsEntry("empty", List.of());
    assertThat(r.zattrs("v"))
        .containsEntry("scale_factor", 0.01)
        .containsEntry("units", "K")
        .containsEntry("_ARRAY_DIMENSIONS", List.of("n"));
  }

  @Test
  void scan_fillValueAttributes_fillFromFillValueThenMissingValue() throws IOException {
    Netcdf3Writer w = new Netcdf3Writer(1).dim("n", 2);
    w.var("both", NcType.FLOAT, new byte[8], "n")
        .attr("_FillValue", NcType.FLOAT, -999f)
        .attr("missing_value", NcType.FLOAT, -1f);
    w.var("missing", NcType.FLOAT, new byte[8], "n").attr("missing_value", NcType.FLOAT, -1e30f);
    w.var("nan", NcType.DOUBLE, new byte[16], "n").attr("_FillValue", NcType.DOUBLE, Double.NaN);
    w.var("int_from_double", NcType.SHORT, new byte[4], "n")
        .attr("_FillValue", NcType.DOUBLE, -32767.0);
    w.var("range", NcType.INT, new byte[8], "n").attr("missing_value", NcType.INT, -1, -2);
    ScanResult r = scan(w, NO_INLINE);

    assertThat(r.zarray("both").fillValue()).isEqualTo(-999.0);
    assertThat(r.zattrs("both"))
        .doesNotContainKey("_FillValue")
        .containsEntry("missing_value", -1.0);
    assertThat(r.zarray("missing").fillValue()).isEqualTo((double) -1e30f);
    assertThat(r.zattrs("missing")).doesNotContainKey("missing_value");
    assertThat(r.zarray("nan").fillValue()).isEqualTo("NaN");
    assertThat(r.zarray("int_from_double").fillValue()).isEqualTo(-32767L);
    assertThat(r.zarray("range").fillValue()).isNull();
    assertThat(r.zattrs("range")).containsEntry("missing_value", List.of(-1L, -2L));
  }

  @Test
  void forHead_magicBytes_findsNetcdf3ForVersions125Only() {
    assertThat(Scanners.forHead(new byte[] {'C', 'D', 'F', 1, 0, 0, 0, 0}))
        .contains(Scanners.netcdf3());
    assertThat(Scanners.forHead(new byte[] {'C', 'D', 'F', 2, 0, 0, 0, 0}))
        .contains(Scanners.netcdf3());
    assertThat(Scanners.forHead(new byte[] {'C', 'D', 'F', 5, 0, 0, 0, 0}))
        .contains(Scanners.netcdf3());
    assertThat(Scanners.netcdf3().recognizes(new byte[] {'C', 'D', 'F', 3, 0, 0, 0, 0})).isFalse();
    assertThat(Scanners.netcdf3().recognizes(new byte[] {(byte) 0x89, 'H', 'D', 'F', 0, 0, 0, 0}))
        .isFalse();
    assertThat(Scanners.netcdf3().recognizes(new byte[] {'C', 'D'})).isFalse();
  }

  private ScanResult scan(Netcdf3Writer w, ScanOptions options) throws IOException {
    Files.write(dir.resolve("f.nc"), w.build());
    return ScanResult.scan(dir, "f.nc", options);
  }

  /** {@code n} distinct bytes (1, 2, 3, ...), so misplaced bytes show. */
  static byte[] sequence(int n) {
    byte[] b = new byte[n];
    Arrays.setAll(new int[n], i -> b[i] = (byte) (i + 1));
    return b;
  }
}
