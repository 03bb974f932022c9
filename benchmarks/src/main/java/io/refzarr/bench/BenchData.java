package io.refzarr.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Benchmark inputs, generated on demand into {@code bench-data/} (git-ignored; override with the
 * system property {@code refzarr.benchData}). Nothing is downloaded.
 */
public final class BenchData {
  private BenchData() {}

  /** The benchmark data directory. */
  public static Path dir() throws IOException {
    Path dir = Path.of(System.getProperty("refzarr.benchData", "bench-data")).toAbsolutePath();
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * The 1,000,004-key JSON reference set shaped like kerchunk's scan of {@code many_chunks_1m.h5}
   * (int16 10000x10000, chunks 10x10, no filter: one 200-byte chunk per reference), written the way
   * Python's {@code json.dump} writes it (", " and ": " separators), with an absolute target path.
   */
  public static Path millionRefsJson() throws IOException {
    Path file = dir().resolve("refs_1m.json");
    if (Files.exists(file)) {
      return file;
    }
    Path tmp = Files.createTempFile(dir(), "refs_1m", ".tmp");
    String target = dir().resolve("many_chunks_1m.h5").toString();
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(
          "{\"version\": 1, \"refs\": {\".zgroup\": \"{\\\"zarr_format\\\":2}\", \".zattrs\": \"{}\", ");
      w.write(
          "\"data/.zarray\": \"{\\\"chunks\\\":[10,10],\\\"compressor\\\":null,\\\"dtype\\\":\\\"<i2\\\","
              + "\\\"fill_value\\\":0,\\\"filters\\\":null,\\\"order\\\":\\\"C\\\",\\\"shape\\\":[10000,10000],"
              + "\\\"zarr_format\\\":2}\", ");
      w.write(
          "\"data/.zattrs\": \"{\\\"_ARRAY_DIMENSIONS\\\":[\\\"phony_dim_0\\\",\\\"phony_dim_1\\\"]}\"");
      long offset = 4096;
      for (int i = 0; i < 1000; i++) {
        for (int j = 0; j < 1000; j++) {
          w.write(", \"data/" + i + "." + j + "\": [\"" + target + "\", " + offset + ", 200]");
          offset += 200;
        }
      }
      w.write("}}");
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }
}
