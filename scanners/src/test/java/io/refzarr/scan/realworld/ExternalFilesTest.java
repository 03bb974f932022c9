package io.refzarr.scan.realworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-world files ({@code testdata/external/}: files of other projects' test data, one or more per
 * cause of issue 15, plus generated user-block and CDF-5 files; see its README): every file scans
 * under the default policy, and every array the HDF5 library or netCDF-C reads is either in the
 * references or left out with a reason. Its values are compared by {@code
 * scanners/tools/realworld_check.py} (fsspec + numcodecs against h5py / netCDF4-python, or against
 * the checksums of {@code MANIFEST.tsv} where those are missing) when Python with numpy, fsspec and
 * numcodecs and {@code check_refs.py} are there; that test is skipped otherwise.
 */
class ExternalFilesTest {
  @TempDir static Path out;
  private static Path in;
  private static final Map<String, Map<String, Object>> REPORTS = new TreeMap<>();

  @BeforeAll
  static void scanAll() throws IOException {
    in = Corpus.file("external");
    try (Stream<Path> walk = Files.walk(in)) {
      for (Path f :
          walk.filter(Files::isRegularFile).filter(RealWorldScan::isData).sorted().toList()) {
        String rel = in.relativize(f).toString();
        Path refs = out.resolve(rel + ".json");
        Files.createDirectories(refs.getParent());
        Map<String, Object> report = RealWorldScan.scan(f, refs);
        Files.write(out.resolve(rel + ".report.json"), Json.writeBytes(report));
        REPORTS.put(rel, report);
      }
    }
  }

  @Test
  void everyFile_scans() {
    assertThat(REPORTS).hasSizeGreaterThanOrEqualTo(40);
    REPORTS.forEach(
        (file, report) ->
            assertThat(report.get("status"))
                .as("%s: %s", file, report.get("error"))
                .isEqualTo("scanned"));
  }

  /**
   * The manifest's arrays (those the library reads): each has a {@code .zarray}, or a reason in the
   * report.
   */
  @Test
  void everyArrayTheLibraryReads_isReferencedOrLeftOutWithAReason() throws IOException {
    Map<String, Map<String, String>> manifest = manifest();
    assertThat(manifest.keySet()).containsAll(REPORTS.keySet());
    int referenced = 0;
    int leftOut = 0;
    for (Map.Entry<String, Map<String, String>> file : manifest.entrySet()) {
      ReferenceSet refs = ReferenceSets.readJson(out.resolve(file.getKey() + ".json"));
      List<Map<String, Object>> skipped = skipped(REPORTS.get(file.getKey()));
      for (Map.Entry<String, String> array : file.getValue().entrySet()) {
        if (array.getValue().startsWith("unjudged:")) {
          continue;
        }
        if (refs.get(array.getKey() + "/.zarray").isPresent()) {
          referenced++;
          continue;
        }
        Optional<String> reason = reason(array.getKey(), skipped);
        assertThat(reason)
            .as("%s: %s is neither referenced nor reported", file.getKey(), array.getKey())
            .hasValueSatisfying(r -> assertThat(r).isNotBlank().doesNotContain("jhdf.exceptions"));
        leftOut++;
      }
    }
    assertThat(referenced).isGreaterThanOrEqualTo(180);
    assertThat(leftOut)
        .isGreaterThanOrEqualTo(11); // 13 before g2 of tall_with_udlink.h5 was listed
  }

  /** One check per cause of issue 15, on the references themselves (no Python needed). */
  @Test
  void eachCause_hasItsFix() throws IOException {
    // 1: a layout-v1 contiguous dataset (10 x 10 int32) sized from its dataspace and datatype
    assertThat(inline("HDFGroup__hdf5-json/data/hdf5/tall.h5", "g1/g1.1/dset1.1.1/0.0"))
        .hasSize(400);
    // 2: a 32 KiB user block
    assertThat(refs("generated/userblock_32k.h5").get("contiguous/.zarray")).isPresent();
    // 3: one object's failure stays with it: the rest of the file is scanned, the reason is in
    // words
    // the user-defined link is left out by name, its group's other links are followed
    assertThat(skipped("HDFGroup__hdf5-json/data/hdf5/tall_with_udlink.h5"))
        .containsExactly(Map.entry("/g2/udlink", "a user-defined link type (not followed)"));
    ReferenceSet udlink = refs("HDFGroup__hdf5-json/data/hdf5/tall_with_udlink.h5");
    assertThat(udlink.get("g1/g1.1/dset1.1.1/.zarray")).isPresent();
    assertThat(udlink.get("g2/dset2.1/.zarray")).isPresent();
    assertThat(udlink.get("g2/dset2.2/.zarray")).isPresent();
    // region references in the root group's own header (jhdf cannot decode it whole): only that
    // attribute is left out; the root's other attributes are kept, its children listed and scanned
    String references = "jjhelmus__pyfive/tests/references.hdf5";
    assertThat(skipped(references))
        .containsExactly(
            Map.entry(
                "/ (attribute dataset1_region_reference)",
                "attribute left out: dataset region references (no Zarr form)"),
            Map.entry(
                "/chunked_ref_dataset", "datatype Reference (class 7) has no Zarr v2 equivalent"),
            Map.entry("/chunked_regionref_dataset", "dataset region references (no Zarr form)"),
            Map.entry("/ref_dataset", "datatype Reference (class 7) has no Zarr v2 equivalent"),
            Map.entry("/regionref_dataset", "dataset region references (no Zarr form)"));
    assertThat(zattrs(refs(references), "")).isEqualTo(Map.of("root_attr", 123L));
    assertThat(zattrs(refs(references), "group1")).isEqualTo(Map.of("group_attr", 789L));
    assertThat(inline(references, "dataset1/0"))
        .isEqualTo(new byte[] {0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0});
    // the same below the root, in a version-1 and a version-2 header (jhdf cannot open either
    // group): each group is listed, its other attributes kept, its dataset scanned
    String groups = "generated/regionref_group_attrs.h5";
    assertThat(skipped(groups))
        .containsExactly(
            Map.entry(
                "/g_v1 (attribute region)",
                "attribute left out: dataset region references (no Zarr form)"),
            Map.entry(
                "/g_v2 (attribute region)",
                "attribute left out: dataset region references (no Zarr form)"));
    for (String g : List.of("g_v1", "g_v2")) {
      assertThat(zattrs(refs(groups), g)).isEqualTo(Map.of("kept", 7L, "after", "text"));
      assertThat(refs(groups).get(g + "/d/.zarray")).isPresent();
    }
    String noy =
        "NCAS-CMS__pyfive/tests/data/noy_AERmonZ_UKESM1-0-LL_piControl_r1i1p1f2_gnz_200001-200012.nc";
    assertThat(skipped(noy)).containsKey("/noy (attributes)");
    assertThat(refs(noy).get("noy/0.0.0")).isPresent();
    assertThat(skipped("PyTables__PyTables/tables/tests/b2nd-no-chunkshape.h5"))
        .containsEntry("/data", "filter blosc2 (id 32026) is not available to decode it");
    // 4: a never-written coordinate variable kept with no chunks, its fill value what HDF5 reads
    // (0.0)
    ReferenceSet dims = refs("Unidata__netcdf-c/nc_test4/ref_tst_dims.nc");
    assertThat(zarray(dims, "lat"))
        .containsEntry("shape", List.of(4_500_000_000L))
        .containsEntry("fill_value", 0.0);
    // 5: space-padded strings reported (HDF5 strips the padding)
    assertThat(skipped("HDFGroup__hdf5-json/data/hdf5/fixed_string_dset.h5").get("/DS1"))
        .contains("space");
    // 6: shuffle after deflate decoded and inlined (numcodecs cannot undo it)
    assertThat(
            zarray(
                refs("jamesmudd__jhdf/jhdf/src/test/resources/hdf5/issue318_example.hdf5"),
                "DOMAINS"))
        .containsEntry("filters", null);
    // 7: netCDF-3 names lose their trailing NUL
    assertThat(refs("Unidata__netcdf-c/nctest/ref_nctest_classic.nc").get("yy/.zarray"))
        .isPresent();
    // 8: a committed compound datatype, and a NumPy-tagged opaque one
    assertThat(zarray(refs("HDFGroup__hdf5-json/data/hdf5/committed_type.h5"), "DS1").get("dtype"))
        .isEqualTo(
            List.of(
                List.of("Serial number", ">i8"),
                List.of("Location", "|S3"),
                List.of("Temperature (F)", ">f8"),
                List.of("Pressure (inHg)", ">f8")));
    assertThat(zarray(refs("NCAS-CMS__pyfive/tests/opaque_datetime.hdf5"), "opaque_datetimes"))
        .containsEntry("dtype", "<M8[s]");
    // 9: CDF-5 from netCDF-C, 64-bit unsigned values
    assertThat(zarray(refs("generated/cdf5_netcdf4py.nc"), "u8")).containsEntry("dtype", ">u8");
  }

  private static ReferenceSet refs(String file) throws IOException {
    return ReferenceSets.readJson(out.resolve(file + ".json"));
  }

  private static byte[] inline(String file, String key) throws IOException {
    return ((io.refzarr.refs.Reference.Inline) refs(file).get(key).orElseThrow()).data();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> zarray(ReferenceSet refs, String array) throws IOException {
    return (Map<String, Object>)
        Json.parse(
            ((io.refzarr.refs.Reference.Inline) refs.get(array + "/.zarray").orElseThrow()).data());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> zattrs(ReferenceSet refs, String node) throws IOException {
    String key = node.isEmpty() ? ".zattrs" : node + "/.zattrs";
    return (Map<String, Object>)
        Json.parse(((io.refzarr.refs.Reference.Inline) refs.get(key).orElseThrow()).data());
  }

  private static Map<String, String> skipped(String file) {
    Map<String, String> out = new TreeMap<>();
    skipped(REPORTS.get(file))
        .forEach(s -> out.put((String) s.get("object"), (String) s.get("reason")));
    return out;
  }

  /**
   * Values through fsspec + numcodecs equal the library's (h5py / netCDF4-python, or the
   * manifest's).
   */
  @Test
  void everyReferencedArray_readsWhatTheLibraryReads() throws Exception {
    Optional<Path> checkRefs = Corpus.checkRefsTool();
    assumeTrue(
        checkRefs.isPresent() && python("import numpy, fsspec, numcodecs"),
        "needs python3 with numpy, fsspec, numcodecs and check_refs.py");
    Path tool = Corpus.dir().getParent().resolve("scanners/tools/realworld_check.py");
    Path results = out.resolve("results.json");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "python3",
                tool.toString(),
                in.toString(),
                out.toString(),
                "--quiet",
                "--check-refs",
                checkRefs.get().toString(),
                "--json",
                results.toString()));
    if (!python("import h5py, netCDF4")) {
      cmd.addAll(List.of("--manifest", in.resolve("MANIFEST.tsv").toString()));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    @SuppressWarnings("unchecked")
    Map<String, Object> got = (Map<String, Object>) Json.parse(Files.readAllBytes(results));
    @SuppressWarnings("unchecked")
    Map<String, Object> totals = (Map<String, Object>) got.get("totals");
    assertThat(totals.get("wrong")).as(text).isEqualTo(0L);
    assertThat(totals.get("failed")).as(text).isEqualTo(0L);
    assertThat((Long) totals.get("right")).as(text).isGreaterThanOrEqualTo(180L);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> files = (Map<String, Map<String, Object>>) got.get("files");
    files.forEach(
        (file, entry) -> {
          @SuppressWarnings("unchecked")
          Map<String, List<Object>> arrays = (Map<String, List<Object>>) entry.get("arrays");
          arrays.forEach(
              (array, verdict) ->
                  assertThat(verdict.get(0))
                      .as("%s: %s (%s)", file, array, verdict)
                      .isIn("right", "left out", "unjudged"));
        });
    assertThat(p.exitValue()).as(text).isZero();
  }

  private static boolean python(String imports) {
    try {
      Process p = new ProcessBuilder("python3", "-c", imports).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * {@code MANIFEST.tsv}: per file, its arrays with the checksum of their values or {@code
   * unjudged:...}.
   */
  private static Map<String, Map<String, String>> manifest() throws IOException {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (String line : Files.readAllLines(in.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      Map<String, String> arrays = out.computeIfAbsent(cols[0], k -> new LinkedHashMap<>());
      if (!cols[1].isEmpty()) {
        arrays.put(cols[1], cols[2]);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> skipped(Map<String, Object> report) {
    return (List<Map<String, Object>>) report.getOrDefault("skipped", List.of());
  }

  /**
   * The reason for leaving out {@code array}: its own, or a group's above it (as the checker
   * matches it).
   */
  private static Optional<String> reason(String array, List<Map<String, Object>> skipped) {
    for (Map<String, Object> s : skipped) {
      String object = ((String) s.get("object")).replaceAll("^/+|/+$", "");
      if (object.equals(array) || array.startsWith(object + "/")) {
        return Optional.of((String) s.get("reason"));
      }
    }
    return Optional.empty();
  }
}
