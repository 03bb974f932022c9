package io.refzarr.scan.netcdf3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.MalformedFileException;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile files: each fails with a clear error or yields the data actually present. */
class Netcdf3HostileFileTest {
  private static final ScanOptions NO_INLINE = ScanOptions.DEFAULT.withInlineThreshold(0);

  @TempDir Path dir;

  private static Netcdf3Writer records(int n) {
    Netcdf3Writer w = new Netcdf3Writer(2).dim("t", 0).dim("n", 4).records(n);
    w.var("x", NcType.FLOAT, Netcdf3LayoutTest.sequence(16), "n");
    w.var("time", NcType.DOUBLE, Netcdf3LayoutTest.sequence(8 * n), "t");
    w.var("v", NcType.SHORT, Netcdf3LayoutTest.sequence(8 * n), "t", "n");
    return w;
  }

  @Test
  void scan_zeroRecords_recordArraysEmptyWithoutChunks() throws IOException {
    ScanResult r = scan(records(0).build(), ScanOptions.DEFAULT);

    assertThat(r.zarray("v").shape()).containsExactly(0, 4);
    assertThat(r.zarray("v").chunks()).containsExactly(1, 4);
    assertThat(r.zarray("time").shape()).containsExactly(0);
    assertThat(r.set().keys().filter(k -> k.startsWith("v/") || k.startsWith("time/")))
        .containsExactlyInAnyOrder("v/.zarray", "v/.zattrs", "time/.zarray", "time/.zattrs");
    assertThat(r.readArray("x")).isEqualTo(Netcdf3LayoutTest.sequence(16));
  }

  @Test
  void scan_headerClaimsMoreRecordsThanTheFileHolds_referencesRecordsPresentAndReports()
      throws IOException {
    Netcdf3Writer w = records(5).claimRecords(9);
    ScanResult r = scan(w.build(), NO_INLINE);

    assertThat(r.zarray("v").shape()).containsExactly(5, 4);
    assertThat(r.readArray("v")).isEqualTo(Netcdf3LayoutTest.sequence(40));
    assertThat(r.readArray("time")).isEqualTo(Netcdf3LayoutTest.sequence(40));
    assertThat(r.report().notes())
        .anyMatch(n -> n.contains("claims 9 records") && n.contains("only 5"));
  }

  @Test
  void scan_lastRecordCutShort_onlyCompleteRecordsReferenced() throws IOException {
    byte[] full = records(5).build();
    ScanResult r = scan(Arrays.copyOf(full, full.length - 3), NO_INLINE);

    assertThat(r.zarray("v").shape()).containsExactly(4, 4);
    assertThat(r.zarray("time").shape()).containsExactly(4);
    assertThat(r.readArray("v")).isEqualTo(Arrays.copyOf(Netcdf3LayoutTest.sequence(40), 32));
  }

  @Test
  void scan_streamingRecordCount_countsRecordsFromTheFileLength() throws IOException {
    ScanResult r = scan(records(3).claimRecords(-1).build(), NO_INLINE);

    assertThat(r.zarray("v").shape()).containsExactly(3, 4);
    assertThat(r.readArray("time")).isEqualTo(Netcdf3LayoutTest.sequence(24));
    assertThat(r.report().notes()).anyMatch(n -> n.contains("streaming"));
  }

  @Test
  void scan_everyTruncationOfTheHeader_throwsMalformedFile() throws IOException {
    Netcdf3Writer w = records(2);
    w.var("long_attrs", NcType.INT, new byte[16], "n").text("comment", "x".repeat(50));
    byte[] full = w.build();
    for (int cut = 0; cut < w.headerLength(); cut++) {
      byte[] part = Arrays.copyOf(full, cut);
      assertThatThrownBy(() -> scan(part, NO_INLINE))
          .as("cut at %d", cut)
          .isInstanceOf(MalformedFileException.class)
          .hasMessageContaining("f.nc");
    }
  }

  @Test
  void scan_everyTruncationOfTheData_failsOrKeepsWhatIsPresent() throws IOException {
    Netcdf3Writer w = records(3);
    byte[] full = w.build();
    for (int cut = w.headerLength(); cut < full.length; cut++) {
      byte[] part = Arrays.copyOf(full, cut);
      try {
        ScanResult r = scan(part, NO_INLINE);
        long present = r.zarray("v").shape()[0];
        assertThat(present).as("cut at %d", cut).isLessThan(3);
        assertThat(r.readArray("v"))
            .isEqualTo(Arrays.copyOf(Netcdf3LayoutTest.sequence(24), (int) present * 8));
      } catch (MalformedFileException e) {
        assertThat(e)
            .hasMessageContaining("variable x")
            .hasMessageContaining("beyond the end of the file");
      }
    }
  }

  @Test
  void scan_fixedVariablePastTheEnd_failPolicyThrowsSkipPolicyLeavesItOut() throws IOException {
    Netcdf3Writer w = new Netcdf3Writer(1).dim("n", 4).dim("huge", Integer.MAX_VALUE);
    w.var("ok", NcType.INT, Netcdf3LayoutTest.sequence(16), "n");
    w.var("big", NcType.DOUBLE, new byte[0], "huge");
    byte[] file = headerAndData(w, Netcdf3LayoutTest.sequence(16));

    assertThatThrownBy(() -> scan(file, NO_INLINE.withErrorPolicy(ErrorPolicy.FAIL)))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("variable big")
        .hasMessageContaining("beyond the end of the file");
    ScanResult r = scan(file, NO_INLINE.withErrorPolicy(ErrorPolicy.SKIP));
    assertThat(r.report().skipped()).extracting(ScanReport.Skipped::object).containsExactly("big");
    assertThat(r.set().get("big/.zarray")).isEmpty();
    assertThat(r.readArray("ok")).isEqualTo(Netcdf3LayoutTest.sequence(16));
  }

  @Test
  void scan_shapeOverflowing64Bits_throwsNamingTheVariable() throws IOException {
    Netcdf3Writer w = new Netcdf3Writer(5).dim("a", 1L << 40).dim("b", 1L << 40);
    w.var("absurd", NcType.DOUBLE, new byte[0], "a", "b");
    byte[] file = headerAndData(w, new byte[0]);

    assertThatThrownBy(() -> scan(file, NO_INLINE))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("variable absurd")
        .hasMessageContaining("overflows 64 bits");
  }

  @Test
  void scan_recordSizeOverflowing64Bits_throws() throws IOException {
    Netcdf3Writer w = new Netcdf3Writer(5).dim("t", 0).dim("a", Long.MAX_VALUE - 1);
    w.var("r1", NcType.BYTE, new byte[0], "t");
    w.var("r2", NcType.BYTE, new byte[0], "t", "a"); // its padded record size alone overflows
    byte[] file = headerAndData(w, new byte[0]);

    assertThatThrownBy(() -> scan(file, NO_INLINE))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("record size overflows 64 bits");
  }

  @Test
  void scan_absurdListCount_failsBeforeAllocating() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(32);
    b.put(new byte[] {'C', 'D', 'F', 1}).putInt(0).putInt(0x0A).putInt(Integer.MAX_VALUE);
    assertThatThrownBy(() -> scan(b.array(), NO_INLINE))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("claims 2147483647 entries");
  }

  @Test
  void scan_absurdAttributeValueCount_failsBeforeAllocating() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(96);
    b.put(new byte[] {'C', 'D', 'F', 5})
        .putLong(0)
        .putInt(0)
        .putLong(0); // no records, no dimensions
    b.putInt(0x0C)
        .putLong(1)
        .putLong(1)
        .put(new byte[] {'a', 0, 0, 0})
        .putInt(NcType.DOUBLE.code)
        .putLong(1L << 60);
    assertThatThrownBy(() -> scan(b.array(), NO_INLINE))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("attribute a of global attributes")
        .hasMessageContaining("claims");
  }

  @Test
  void scan_notNetcdf3_throwsNamingTheProblem() throws IOException {
    assertThatThrownBy(
            () -> scan("\u0089HDF\r\n\u001a\n........".getBytes("ISO-8859-1"), NO_INLINE))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("not a netCDF3 file");
    assertThatThrownBy(() -> scan(new byte[] {'C', 'D', 'F', 3, 0, 0, 0, 0}, NO_INLINE))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("unsupported netCDF3 format version 3");
    byte[] badType = records(1).build();
    ByteBuffer.wrap(badType).putInt(indexOfType(badType), 9); // uint in a CDF-2 file
    assertThatThrownBy(() -> scan(badType, NO_INLINE))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("type code 9");
  }

  @Test
  void scan_fileLargerThanReadAhead_readsOnlyTheHeader() throws IOException {
    Netcdf3Writer w = new Netcdf3Writer(2).dim("t", 0).dim("n", 1000).records(20);
    w.var("v", NcType.FLOAT, new byte[20 * 4000], "t", "n");
    ScanResult r = scan(w.build(), ScanOptions.DEFAULT);

    assertThat(r.report().requests()).isEqualTo(2); // the size, then one read-ahead
    assertThat(r.report().bytesRead()).isEqualTo(FileBytes.READ_AHEAD);
    assertThat(r.report().references())
        .isEqualTo(2 + 2 + 20); // group metadata, array metadata, one chunk per record
    ReferenceSet set = r.set();
    assertThat(set.size()).isEqualTo(r.report().references());
  }

  /** The position of variable x's type code in a CDF-2 file of {@link #records}. */
  private static int indexOfType(byte[] file) {
    byte[] name = {0, 0, 0, 1, 'x', 0, 0, 0};
    for (int i = 0; i + name.length <= file.length; i++) {
      if (Arrays.equals(file, i, i + name.length, name, 0, name.length)) {
        return i + name.length + 4 + 4 + 8; // rank, one dimension id, no attributes
      }
    }
    throw new AssertionError("no variable x");
  }

  /** A header followed by the given data only (a file whose header names far more data). */
  @Test
  void scan_variableNameThatIsNoKeySegment_throwsMalformedFileNamingIt() throws IOException {
    // a corrupt name (NUL, a control character) or one that would walk out of the set ("..") (issue
    // 16 #3)
    for (String name : new String[] {"a\u0000b", "t\u0001", "..", "."}) {
      Netcdf3Writer w = new Netcdf3Writer(1).dim("n", 4);
      w.var(name, NcType.INT, Netcdf3LayoutTest.sequence(16), "n");
      byte[] file = w.build();

      assertThatThrownBy(() -> scan(file, NO_INLINE))
          .as(name)
          .isInstanceOf(MalformedFileException.class)
          .hasMessageContaining("f.nc")
          .hasMessageContaining("cannot name a Zarr array");
    }
  }

  private static byte[] headerAndData(Netcdf3Writer w, byte[] data) {
    int header = w.headerLength();
    byte[] full = new byte[header + data.length];
    System.arraycopy(buildHeaderOnly(w), 0, full, 0, header);
    System.arraycopy(data, 0, full, header, data.length);
    return full;
  }

  private static byte[] buildHeaderOnly(Netcdf3Writer w) {
    return w.header(w.begins());
  }

  private ScanResult scan(byte[] file, ScanOptions options) throws IOException {
    Files.write(dir.resolve("f.nc"), file);
    return ScanResult.scan(dir, "f.nc", options);
  }
}
