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

  @Test
  void get_arrayOfMoreChunksThanALongCounts_readsEachChunk_andRefusesAWholeSelection()
      throws Exception {
    // a 2^62 x 2^62 grid: chunk 4.0's number wrapped onto 0.0's, and each read the other's value
    String zarray =
        "{\\\"shape\\\":[4611686018427387904,4611686018427387904],\\\"chunks\\\":[1,1],"
            + "\\\"dtype\\\":\\\"<i1\\\",\\\"compressor\\\":null,\\\"filters\\\":null,"
            + "\\\"fill_value\\\":0,\\\"order\\\":\\\"C\\\",\\\"zarr_format\\\":2}";
    Path refs = tmp.resolve("huge.json");
    Files.writeString(
        refs,
        "{\"version\":1,\"refs\":{\".zgroup\":\"{\\\"zarr_format\\\":2}\",\"a/.zarray\":\""
            + zarray
            + "\",\"a/0.0\":\"base64:Bw==\",\"a/4.0\":\"base64:CQ==\"}}");
    CliTest.Result first = CliTest.run("get", refs.toString(), "a", "--slice", "0,0", "--json");
    CliTest.Result fifth = CliTest.run("get", refs.toString(), "a", "--slice", "4,0", "--json");
    assertThat(first.text()).as(first.err()).contains("\"values\": 7");
    assertThat(fifth.text()).as(fifth.err()).contains("\"values\": 9");

    CliTest.Result whole =
        CliTest.run("get", refs.toString(), "a", "-o", tmp.resolve("a.npy").toString());
    assertThat(whole.status()).isNotZero();
    assertThat(whole.err()).contains("array 'a'").contains("more than 2^63 - 1 elements");
    assertThat(tmp.resolve("a.npy")).doesNotExist();
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
