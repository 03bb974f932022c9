package io.refzarr.spark;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.Scanners;
import io.refzarr.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Daily inputs made by the tests: netCDF4 copies of the corpus's {@code series/day_001.nc} with
 * another time value written over the uncompressed one in place, netCDF3 classic files written from
 * scratch, and unreadable ones.
 */
final class GeneratedInputs {
  private GeneratedInputs() {}

  /** {@code n} netCDF4 days, {@code day_NNNN.nc} with time = 1000 + NNNN, in {@code dir}. */
  static List<String> netcdf4(Path dir, int n) throws IOException {
    Path day = Corpus.file("series/day_001.nc");
    ReferenceSet scan =
        Scanners.scan(ScanInput.of(day.toString()), ScanOptions.DEFAULT.withInlineThreshold(0));
    Reference.Range time = (Reference.Range) scan.get("time/0").orElseThrow();
    byte[] original = Files.readAllBytes(day);
    Files.createDirectories(dir);
    List<String> out = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      byte[] copy = original.clone();
      ByteBuffer.wrap(copy, (int) time.offset(), 8)
          .order(ByteOrder.LITTLE_ENDIAN)
          .putDouble(1000.0 + d);
      Path file = dir.resolve(String.format("day_%04d.nc", d));
      Files.write(file, copy);
      out.add(file.toString());
    }
    return out;
  }

  /**
   * {@code n} netCDF3 classic days in {@code dir}: time(1) = NNNN, lat(4), lon(5), tas(time, lat,
   * lon).
   */
  static List<String> netcdf3(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    List<String> out = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      Path file = dir.resolve(String.format("nc3_%04d.nc", d));
      Files.write(file, netcdf3Day(d));
      out.add(file.toString());
    }
    return out;
  }

  /**
   * Files named like inputs that no scanner reads: text, and a netCDF4 file cut after its
   * superblock.
   */
  static List<String> unreadable(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path text = Files.writeString(dir.resolve("day_text.nc"), "not a netCDF file\n");
    byte[] head =
        java.util.Arrays.copyOf(Files.readAllBytes(Corpus.file("series/day_002.nc")), 200);
    Path cut = Files.write(dir.resolve("day_cut.nc"), head);
    return List.of(text.toString(), cut.toString(), dir.resolve("day_missing.nc").toString());
  }

  // netCDF3 classic: header (dims, no global attributes, vars with attributes), then the fixed-size
  // data
  private static final int NC_DIMENSION = 10;
  private static final int NC_VARIABLE = 11;
  private static final int NC_ATTRIBUTE = 12;
  private static final int NC_CHAR = 2;
  private static final int NC_FLOAT = 5;
  private static final int NC_DOUBLE = 6;

  static byte[] netcdf3Day(int day) throws IOException {
    float[] lat = {-45f, -15f, 15f, 45f};
    float[] lon = {0f, 72f, 144f, 216f, 288f};
    float[] tas = new float[lat.length * lon.length];
    for (int i = 0; i < tas.length; i++) {
      tas[i] = 270f + day * 0.5f + i;
    }
    int headerSize = header(0, 0, 0, 0).length;
    int timeAt = headerSize;
    int latAt = timeAt + 8;
    int lonAt = latAt + 4 * lat.length;
    int tasAt = lonAt + 4 * lon.length;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(header(timeAt, latAt, lonAt, tasAt));
    out.writeDouble(day);
    for (float[] values : new float[][] {lat, lon, tas}) {
      for (float v : values) {
        out.writeFloat(v);
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] header(int timeAt, int latAt, int lonAt, int tasAt) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'C', 'D', 'F', 1});
    out.writeInt(0); // no records: time is a fixed dimension of one
    out.writeInt(NC_DIMENSION);
    out.writeInt(3);
    dim(out, "time", 1);
    dim(out, "lat", 4);
    dim(out, "lon", 5);
    out.writeInt(0); // no global attributes
    out.writeInt(0);
    out.writeInt(NC_VARIABLE);
    out.writeInt(4);
    variable(out, "time", new int[] {0}, NC_DOUBLE, 8, timeAt, "units", "days since 2000-01-01");
    variable(out, "lat", new int[] {1}, NC_FLOAT, 16, latAt, "units", "degrees_north");
    variable(out, "lon", new int[] {2}, NC_FLOAT, 20, lonAt, "units", "degrees_east");
    variable(out, "tas", new int[] {0, 1, 2}, NC_FLOAT, 80, tasAt, "units", "K");
    return bytes.toByteArray();
  }

  private static void dim(DataOutputStream out, String name, int length) throws IOException {
    name(out, name);
    out.writeInt(length);
  }

  private static void variable(
      DataOutputStream out,
      String name,
      int[] dims,
      int type,
      int vsize,
      int begin,
      String attr,
      String value)
      throws IOException {
    name(out, name);
    out.writeInt(dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.writeInt(NC_ATTRIBUTE);
    out.writeInt(1);
    name(out, attr);
    out.writeInt(NC_CHAR);
    name(out, value);
    out.writeInt(type);
    out.writeInt(vsize);
    out.writeInt(begin);
  }

  /** A count, the bytes, padding to four. */
  private static void name(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
    out.write(new byte[(4 - b.length % 4) % 4]);
  }
}
