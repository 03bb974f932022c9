package io.refzarr.scan.netcdf3;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.internal.json.Json;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.ScanReport;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.zarr.ZarrArrayMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A scan of one file, with helpers to read its arrays back through the {@code reference} file
 * system.
 */
record ScanResult(ReferenceSet set, ScanReport report, Path root) {

  /**
   * Scans {@code root/relative}, writing {@code relative} as the target (as the golden sets do).
   */
  static ScanResult scan(Path root, String relative, ScanOptions options) throws IOException {
    ReferenceSetBuilder builder = ReferenceSets.builder();
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      ScanReport report =
          Scanners.netcdf3()
              .scan(
                  new ScanInput(relative, root.resolve(relative).toUri()),
                  sources,
                  options,
                  builder);
      return new ScanResult(builder.build(), report, root);
    }
  }

  Reference ref(String key) throws IOException {
    return set.get(key).orElseThrow(() -> new AssertionError("no key " + key));
  }

  ZarrArrayMetadata zarray(String array) throws IOException {
    return ZarrArrayMetadata.parse(((Reference.Inline) ref(array + "/.zarray")).data());
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> zattrs(String path) throws IOException {
    String key = path.isEmpty() ? ".zattrs" : path + "/.zattrs";
    return (Map<String, Object>) Json.parse(((Reference.Inline) ref(key)).data());
  }

  /**
   * The whole array's raw (big-endian) bytes, read chunk by chunk through the {@code reference}
   * file system. The scanner's chunks always span every axis but the first, so the array is their
   * concatenation.
   */
  byte[] readArray(String array) throws IOException {
    ZarrArrayMetadata md = zarray(array);
    int rank = md.shape().length;
    for (int d = 1; d < rank; d++) {
      assertThat(md.chunks()[d]).as(array + " chunk axis " + d).isEqualTo(md.shape()[d]);
    }
    long count = rank == 0 ? 1 : (md.shape()[0] + md.chunks()[0] - 1) / md.chunks()[0];
    String suffix = rank <= 1 ? "" : ".0".repeat(rank - 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReferenceFileSystemConfig config = ReferenceFileSystemConfig.builder().root(root).build();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(set, config)) {
      for (long i = 0; i < count; i++) {
        out.writeBytes(Files.readAllBytes(fs.getPath("/" + array + "/" + i + suffix)));
      }
    }
    return out.toByteArray();
  }

  /**
   * The manifest's checksum form of big-endian values (check_refs.canonical_bytes): numbers as
   * little-endian bytes (one NaN pattern), fixed bytes ({@code |S1}) as a JSON list of latin-1
   * strings without trailing NULs.
   */
  static String canonicalSha256(byte[] bigEndian, String dtype) {
    byte[] canonical = dtype.equals("|S1") ? charsJson(bigEndian) : littleEndian(bigEndian, dtype);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] littleEndian(byte[] be, String dtype) {
    int size = Integer.parseInt(dtype.substring(2));
    ByteBuffer in = ByteBuffer.wrap(be);
    ByteBuffer out = ByteBuffer.allocate(be.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int at = 0; at < be.length; at += size) {
      if (dtype.equals(">f4")) {
        out.putFloat(Float.intBitsToFloat(Float.floatToIntBits(in.getFloat(at))));
      } else if (dtype.equals(">f8")) {
        out.putDouble(Double.longBitsToDouble(Double.doubleToLongBits(in.getDouble(at))));
      } else {
        for (int k = size - 1; k >= 0; k--) {
          out.put(be[at + k]);
        }
      }
    }
    return out.array();
  }

  private static byte[] charsJson(byte[] chars) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < chars.length; i++) {
      sb.append(i == 0 ? "\"" : ", \"");
      if (chars[i] != 0) {
        sb.append((char) (chars[i] & 0xff));
      }
      sb.append('"');
    }
    return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }
}
