package io.refzarr.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The netCDF3 benchmark file of baseline.md ({@code nc3_big.nc} of {@code make_corpus.py bench}):
 * 64-bit offset format, unlimited {@code time}, {@code y} = {@code x} = 50; variables in file order
 * {@code time} f8 (time), {@code y}, {@code x} f4, {@code mask} i1 (y, x), then {@code u}, {@code
 * v}, {@code w} f4 (time, y, x). The header and the fixed variables are written; the records are
 * left sparse (a scan reads only the header), so a 1,000,000-record file (30 GB apparent) costs no
 * disk.
 */
final class Netcdf3BenchFile {
  private static final int NY = 50;
  private static final int NX = 50;
  private static final String[] RECORD_VARS = {"u", "v", "w"};

  private Netcdf3BenchFile() {}

  /** The file with {@code records} records, made once into the benchmark data directory. */
  static Path withRecords(long records) throws IOException {
    Path file = BenchData.dir().resolve("nc3_big_" + records + ".nc");
    if (Files.exists(file)) {
      return file;
    }
    Path tmp = Files.createTempFile(BenchData.dir(), "nc3_big", ".tmp");
    byte[] header = header(records, 0);
    long fixedStart = header.length;
    header = header(records, fixedStart); // same length: offsets are fixed-width
    long recStart = fixedStart + 4 * NY + 4 * NX + NY * NX;
    long recsize = 8 + RECORD_VARS.length * 4L * NY * NX;
    try (RandomAccessFile f = new RandomAccessFile(tmp.toFile(), "rw")) {
      f.write(header);
      f.write(fixedData());
      f.setLength(recStart + records * recsize);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** y = 0..49, x = 0..49 (float32), mask all 1. */
  private static byte[] fixedData() {
    ByteBuffer b = ByteBuffer.allocate(4 * NY + 4 * NX + NY * NX);
    for (int i = 0; i < NY; i++) {
      b.putFloat(i);
    }
    for (int i = 0; i < NX; i++) {
      b.putFloat(i);
    }
    for (int i = 0; i < NY * NX; i++) {
      b.put((byte) 1);
    }
    return b.array();
  }

  private static byte[] header(long records, long fixedStart) {
    ByteBuffer b = ByteBuffer.allocate(4096);
    b.put(new byte[] {'C', 'D', 'F', 2}).putInt((int) records);
    b.putInt(0x0A).putInt(3);
    dim(b, "time", 0);
    dim(b, "y", NY);
    dim(b, "x", NX);
    b.putInt(0).putInt(0); // no global attributes
    b.putInt(0x0B).putInt(4 + RECORD_VARS.length);
    long yBegin = fixedStart;
    long xBegin = yBegin + 4 * NY;
    long maskBegin = xBegin + 4 * NX;
    long recBegin = maskBegin + NY * NX;
    var(b, "time", new int[] {0}, 6, 8, recBegin);
    var(b, "y", new int[] {1}, 5, 4 * NY, yBegin);
    var(b, "x", new int[] {2}, 5, 4 * NX, xBegin);
    var(b, "mask", new int[] {1, 2}, 1, NY * NX, maskBegin);
    long begin = recBegin + 8;
    for (String name : RECORD_VARS) {
      var(b, name, new int[] {0, 1, 2}, 5, 4 * NY * NX, begin);
      begin += 4L * NY * NX;
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  private static void dim(ByteBuffer b, String name, int length) {
    name(b, name);
    b.putInt(length);
  }

  private static void var(
      ByteBuffer b, String name, int[] dimIds, int type, int vsize, long begin) {
    name(b, name);
    b.putInt(dimIds.length);
    for (int id : dimIds) {
      b.putInt(id);
    }
    b.putInt(0).putInt(0); // no attributes
    b.putInt(type).putInt(vsize).putLong(begin);
  }

  private static void name(ByteBuffer b, String name) {
    byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
    b.putInt(bytes.length).put(bytes).put(new byte[(4 - bytes.length % 4) % 4]);
  }
}
