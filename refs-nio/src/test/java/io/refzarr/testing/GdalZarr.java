package io.refzarr.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads one array of a Zarr store with GDAL's Zarr driver ({@code gdal_translate} to raw ENVI, band
 * sequential: the values in C order, native (little-endian) byte order, so their sha256 is
 * comparable with the manifest's for numeric arrays).
 */
public final class GdalZarr {
  private GdalZarr() {}

  /** What GDAL made of one array: the sha256 of its values, or nothing and what it said. */
  public record Read(Optional<String> sha256, String output) {}

  /** True when {@code gdal_translate} runs here. */
  public static boolean available() {
    return ExternalTools.available("gdal_translate", "--version");
  }

  /**
   * Reads {@code array} of the store {@code store} (a directory, or {@code /vsicurl/http://...}).
   *
   * @param work a directory for GDAL's output
   */
  public static Read read(String store, String array, Path work)
      throws IOException, InterruptedException {
    Path out = work.resolve(array.replace('/', '_') + ".img");
    ExternalTools.Result r =
        ExternalTools.run(
            120,
            "gdal_translate",
            "-q",
            "-of",
            "ENVI",
            "ZARR:\"" + store + "\":/" + array,
            out.toString());
    if (!r.ok() || !Files.exists(out)) {
      return new Read(Optional.empty(), r.output());
    }
    return new Read(Optional.of(sha256(Files.readAllBytes(out))), r.output());
  }

  /**
   * Reads a 3-d {@code array} whose first axis has {@code leading} elements: GDAL's classic raster
   * API needs an index for each extra dimension ({@code ZARR:"store":/array:i}), so the 2-d slices
   * are read one by one and joined in C order, whose sha256 is then the whole array's.
   */
  public static Read readSlices(String store, String array, long leading, Path work)
      throws IOException, InterruptedException {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    StringBuilder said = new StringBuilder();
    for (long i = 0; i < leading; i++) {
      Path out = work.resolve(array.replace('/', '_') + "_" + i + ".img");
      ExternalTools.Result r =
          ExternalTools.run(
              120,
              "gdal_translate",
              "-q",
              "-of",
              "ENVI",
              "ZARR:\"" + store + "\":/" + array + ":" + i,
              out.toString());
      said.append(r.output());
      if (!r.ok() || !Files.exists(out)) {
        return new Read(Optional.empty(), said.toString());
      }
      all.write(Files.readAllBytes(out));
    }
    return new Read(Optional.of(sha256(all.toByteArray())), said.toString());
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
