package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refzarr get} on kerchunk's golden nc4_cf set; expected values come from the corpus
 * manifest (checksum of the canonical little-endian bytes, and the first values read by netCDF4).
 */
class GetCommandTest {
  static final String ROOT = CliTest.CORPUS.toString();
  // manifest.json, set nc4_cf, array temp: sha256 and sample
  static final String TEMP_SHA256 = manifestSha("nc4_cf", "temp");
  @TempDir Path tmp;

  @Test
  void get_wholeArrayToNpy_writesHeaderAndManifestValues() throws Exception {
    Path npy = tmp.resolve("temp.npy");

    CliTest.Result r =
        CliTest.run("get", CliTest.REFS, "temp", "-o", npy.toString(), "--root", ROOT);

    assertThat(r.status()).as(r.err()).isZero();
    byte[] file = Files.readAllBytes(npy);
    int headerLen = ByteBuffer.wrap(file, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    String header = new String(file, 10, headerLen, StandardCharsets.ISO_8859_1);
    assertThat(file[0] & 0xff).isEqualTo(0x93);
    assertThat((10 + headerLen) % 64).isZero();
    assertThat(header)
        .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (10, 3, 18, 36), }")
        .endsWith("\n");
    byte[] data = Arrays.copyOfRange(file, 10 + headerLen, file.length);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)))
        .isEqualTo(TEMP_SHA256);
  }

  @Test
  void get_toNpy_fileHasThePermissionsOfAPlainWrite() throws Exception {
    Path plain = Files.writeString(tmp.resolve("plain"), "x");
    Path npy = tmp.resolve("lat.npy");

    CliTest.Result r =
        CliTest.run("get", CliTest.REFS, "lat", "-o", npy.toString(), "--root", ROOT);

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(Files.getPosixFilePermissions(npy)).isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void get_sliceAsJson_printsFirstValuesOfManifestSample() {
    CliTest.Result r =
        CliTest.run("get", CliTest.REFS, "lat", "--slice", "0:3", "--json", "--root", ROOT);

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.text().trim())
        .isEqualTo(
            "{\"array\": \"lat\", \"dtype\": \"<f4\", \"shape\": [3], \"values\": ["
                + manifestSample("nc4_cf", "lat", 3)
                + "]}");
  }

  @Test
  void get_indexDropsAxis_printsOneRow() {
    CliTest.Result r =
        CliTest.run("get", CliTest.REFS, "precip", "--slice", "0,0,0:2", "--json", "--root", ROOT);

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.text()).contains("\"shape\": [2]");
  }

  @Test
  void get_noOutputChosen_failsWithUsage() {
    CliTest.Result r = CliTest.run("get", CliTest.REFS, "lat", "--root", ROOT);

    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("-o FILE").contains("--json");
  }

  @Test
  void get_missingArray_failsNamingIt() {
    CliTest.Result r = CliTest.run("get", CliTest.REFS, "nope", "--json", "--root", ROOT);

    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("nope");
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> manifestArray(String set, String array) {
    try {
      java.util.Map<String, Object> m =
          (java.util.Map<String, Object>)
              io.refzarr.internal.json.Json.parse(
                  Files.readAllBytes(CliTest.CORPUS.resolve("golden/manifest.json")));
      java.util.Map<String, Object> sets = (java.util.Map<String, Object>) m.get("sets");
      java.util.Map<String, Object> s = (java.util.Map<String, Object>) sets.get(set);
      return (java.util.Map<String, Object>)
          ((java.util.Map<String, Object>) s.get("arrays")).get(array);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String manifestSha(String set, String array) {
    return (String) manifestArray(set, array).get("sha256");
  }

  private static String manifestSample(String set, String array, int n) {
    java.util.List<?> sample = (java.util.List<?>) manifestArray(set, array).get("sample");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? ", " : "").append(Float.toString(((Number) sample.get(i)).floatValue()));
    }
    return sb.toString();
  }
}
