package io.refzarr.ops;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Zarr v2 store zipped with java.util.zip, every member deflated, and the chained-URL set
 * kerchunk makes of it ({@code zip://temp/0.0::file:///…/store.zip}, whole members): {@code temp},
 * 4×6 int32 in 2×3 chunks compressed with zlib, its members' sizes and CRC in their local headers;
 * {@code idx}, 5 float64 shuffled, no compressor, written streaming (sizes in a data descriptor
 * after the data).
 */
final class ZippedZarr {
  static final int[] TEMP = new int[24];
  static final double[] IDX = {0.5, 1.5, 2.5, 3.5, 1e300};

  static {
    for (int i = 0; i < TEMP.length; i++) {
      TEMP[i] = i * 1000 - 7;
    }
  }

  private ZippedZarr() {}

  /** Writes the zip at {@code zip}; {@code storedChunk} stores {@code temp/1.1} uncompressed. */
  static void write(Path zip, boolean storedChunk) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Map.Entry<String, byte[]> e : members().entrySet()) {
        String name = e.getKey();
        ZipEntry entry = new ZipEntry(name);
        if (name.startsWith("temp/") && !name.contains(".z")) {
          sized(entry, e.getValue(), storedChunk && name.equals("temp/1.1"));
        }
        out.putNextEntry(entry);
        out.write(e.getValue());
        out.closeEntry();
      }
    }
  }

  /** The set of whole-member references kerchunk writes for the zipped store. */
  static ReferenceSet chained(Path zip) {
    return chained(zip, false);
  }

  /**
   * The same with the metadata embedded if {@code inlineMetadata} (as a Parquet set, which holds
   * metadata only inline, must).
   */
  static ReferenceSet chained(Path zip, boolean inlineMetadata) {
    Map<String, Reference> refs = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> m : members().entrySet()) {
      String name = m.getKey();
      refs.put(
          name,
          inlineMetadata && name.contains(".z")
              ? Reference.inline(m.getValue())
              : Reference.whole("zip://" + name + "::" + zip.toUri()));
    }
    return ReferenceSets.of(refs);
  }

  static Map<String, byte[]> members() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(".zgroup", utf8("{\"zarr_format\": 2}"));
    m.put(
        "temp/.zarray",
        zarray("[4, 6]", "[2, 3]", "\"<i4\"", "{\"id\": \"zlib\", \"level\": 1}", "null"));
    m.put("temp/.zattrs", utf8("{\"units\": \"K\"}"));
    for (int ci = 0; ci < 2; ci++) {
      for (int cj = 0; cj < 2; cj++) {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 3; j++) {
            b.putInt(TEMP[(ci * 2 + i) * 6 + cj * 3 + j]);
          }
        }
        m.put("temp/" + ci + "." + cj, deflate(b.array(), false));
      }
    }
    m.put(
        "idx/.zarray",
        zarray("[5]", "[5]", "\"<f8\"", "null", "[{\"id\": \"shuffle\", \"elementsize\": 8}]"));
    ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : IDX) {
      b.putDouble(v);
    }
    m.put("idx/0", shuffle(b.array(), 8));
    return m;
  }

  private static byte[] zarray(
      String shape, String chunks, String dtype, String compressor, String filters) {
    return utf8(
        "{\"zarr_format\": 2, \"shape\": "
            + shape
            + ", \"chunks\": "
            + chunks
            + ", \"dtype\": "
            + dtype
            + ", \"compressor\": "
            + compressor
            + ", \"filters\": "
            + filters
            + ", \"fill_value\": 0, \"order\": \"C\"}");
  }

  /** Sets sizes and CRC before writing, so they go into the local header (no data descriptor). */
  private static void sized(ZipEntry entry, byte[] data, boolean stored) {
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    entry.setSize(data.length);
    if (stored) {
      entry.setMethod(ZipEntry.STORED);
      entry.setCompressedSize(data.length);
    } else {
      entry.setCompressedSize(deflate(data, true).length); // ZipOutputStream's own settings
    }
  }

  /** zlib ({@code raw} false) or raw deflate at the default level. */
  static byte[] deflate(byte[] data, boolean raw) {
    Deflater d = new Deflater(raw ? Deflater.DEFAULT_COMPRESSION : 1, raw);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[512];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private static byte[] shuffle(byte[] in, int size) {
    byte[] out = new byte[in.length];
    int n = in.length / size;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < size; k++) {
        out[k * n + i] = in[i * size + k];
      }
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
