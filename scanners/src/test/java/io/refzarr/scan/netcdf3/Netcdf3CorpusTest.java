package io.refzarr.scan.netcdf3;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ScanOptions;
import io.refzarr.testing.Corpus;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The netCDF3 files of the corpus against kerchunk's golden references and the manifest's checksums
 * (computed by netCDF4-python from the files themselves).
 */
class Netcdf3CorpusTest {
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+\\.?\\d*([eE][-+]?\\d+)?|\\.\\d+)");

  @ParameterizedTest
  @ValueSource(strings = {"nc3_classic", "nc3_64bit"})
  void scan_corpusFile_sameKeysAndRangesAsKerchunk(String name) throws IOException {
    ScanResult mine = ScanResult.scan(Corpus.dir(), name + ".nc", ScanOptions.DEFAULT);
    ReferenceSet golden = ReferenceSets.readJson(Corpus.file("golden/" + name + ".json"));

    assertThat(keys(mine.set())).isEqualTo(keys(golden));
    int ranges = 0;
    for (String key : keys(golden)) {
      Reference expected = golden.get(key).orElseThrow();
      if (expected instanceof Reference.Range) {
        assertThat(mine.ref(key)).as(key).isEqualTo(expected);
        ranges++;
      } else if (!ZarrKeys.isMetadataName(ZarrKeys.name(key))) {
        // kerchunk re-encodes inlined arrays with Blosc; refzarr inlines the raw bytes (checked
        // below)
        assertThat(mine.ref(key)).as(key).isInstanceOf(Reference.Inline.class);
      }
    }
    assertThat(ranges).isPositive();
    assertThat(mine.report().references()).isEqualTo(golden.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"nc3_classic", "nc3_64bit"})
  void scan_corpusFile_metadataMatchesKerchunk(String name) throws IOException {
    ScanResult mine = ScanResult.scan(Corpus.dir(), name + ".nc", ScanOptions.DEFAULT);
    ReferenceSet golden = ReferenceSets.readJson(Corpus.file("golden/" + name + ".json"));
    for (String array : arrays(golden)) {
      ZarrArrayMetadata want = ZarrArrayMetadata.parse(inline(golden, array + "/.zarray"));
      ZarrArrayMetadata got = mine.zarray(array);
      assertThat(got.shape()).as(array).isEqualTo(want.shape());
      assertThat(got.chunks()).as(array).isEqualTo(want.chunks());
      assertThat(got.dtype()).as(array).isEqualTo(want.dtype());
      assertThat(got.fillValue()).as(array).isEqualTo(want.fillValue());
      assertThat(got.compressor()).as(array).isNull();
      assertSameAttributes(mine.zattrs(array), json(golden, array + "/.zattrs"), array);
    }
    assertSameAttributes(mine.zattrs(""), json(golden, ".zattrs"), "/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nc3_classic", "nc3_64bit"})
  void readArray_everyVariable_matchesManifestChecksum(String name) throws IOException {
    ScanResult mine = ScanResult.scan(Corpus.dir(), name + ".nc", ScanOptions.DEFAULT);
    Map<String, Object> arrays = manifestArrays(name);
    assertThat(arrays).isNotEmpty();
    for (Map.Entry<String, Object> e : arrays.entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> info = (Map<String, Object>) e.getValue();
      String dtype = mine.zarray(e.getKey()).dtype().toString();
      assertThat(ScanResult.canonicalSha256(mine.readArray(e.getKey()), dtype))
          .as(e.getKey())
          .isEqualTo(info.get("sha256"));
    }
  }

  /**
   * The archive golden set was scanned with inline threshold 0 from the copy of nc3_classic.nc
   * inside bundle.tar: every record chunk (the padded byte, short and char records too) is a range
   * there. With threshold 0 refzarr must name the same bytes: same lengths, offsets shifted by the
   * member's position.
   */
  @Test
  void scan_inlineThresholdZero_rangesMatchArchiveGoldenShiftedByMemberOffset() throws IOException {
    ScanResult mine =
        ScanResult.scan(Corpus.dir(), "nc3_classic.nc", ScanOptions.DEFAULT.withInlineThreshold(0));
    ReferenceSet golden =
        ReferenceSets.readJson(Corpus.file("golden/archives/bundle_tar/nc3_classic.json"));
    long memberOffset = tarMemberOffset(Corpus.file("archives/bundle.tar"), "nc3_classic.nc");

    assertThat(keys(mine.set())).isEqualTo(keys(golden));
    int ranges = 0;
    for (String key : keys(golden)) {
      if (golden.get(key).orElseThrow() instanceof Reference.Range) {
        Reference.Range want = (Reference.Range) golden.get(key).orElseThrow();
        assertThat(mine.ref(key))
            .as(key)
            .isEqualTo(
                Reference.range("nc3_classic.nc", want.offset() - memberOffset, want.length()));
        ranges++;
      }
    }
    assertThat(ranges)
        .isEqualTo(6 * 5 + 4); // five record variables x 6 records, four fixed variables
  }

  @Test
  void scan_corpusFile_readsOnlyTheHeaderInOneRequest() throws IOException {
    ScanResult mine =
        ScanResult.scan(Corpus.dir(), "nc3_64bit.nc", ScanOptions.DEFAULT.withInlineThreshold(0));
    long size = Corpus.file("nc3_64bit.nc").toFile().length();
    // one size request and one read-ahead (the whole of this small file)
    assertThat(mine.report().requests()).isEqualTo(2);
    assertThat(mine.report().bytesRead()).isEqualTo(Math.min(size, FileBytes.READ_AHEAD));
  }

  /**
   * Where a member's data starts in an uncompressed USTAR archive (512-byte headers, padded data).
   */
  private static long tarMemberOffset(Path tar, String member) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(tar.toFile(), "r")) {
      long pos = 0;
      byte[] header = new byte[512];
      while (pos + 512 <= f.length()) {
        f.seek(pos);
        f.readFully(header);
        String name =
            new String(header, 0, 100, java.nio.charset.StandardCharsets.US_ASCII)
                .trim()
                .replace("\0", "");
        long size =
            Long.parseLong(
                new String(header, 124, 11, java.nio.charset.StandardCharsets.US_ASCII).trim(), 8);
        if (name.equals(member)) {
          return pos + 512;
        }
        pos += 512 + (size + 511) / 512 * 512;
      }
    }
    throw new AssertionError(member + " not in " + tar);
  }

  /**
   * Attributes equal, except that kerchunk's str(value) text may stand for numbers refzarr keeps.
   */
  private static void assertSameAttributes(
      Map<String, Object> got, Map<String, Object> want, String where) {
    assertThat(got.keySet()).as(where).isEqualTo(want.keySet());
    for (String k : want.keySet()) {
      Object w = want.get(k);
      Object g = got.get(k);
      if (w instanceof String && !(g instanceof String)) {
        assertThat(numbers(g)).as(where + " " + k).isEqualTo(numbersIn((String) w));
      } else {
        assertThat(g).as(where + " " + k).isEqualTo(w);
      }
    }
  }

  private static List<Double> numbers(Object v) {
    List<Double> out = new ArrayList<>();
    if (v instanceof List) {
      ((List<?>) v).forEach(x -> out.addAll(numbers(x)));
    } else {
      out.add(((Number) v).doubleValue());
    }
    return out;
  }

  private static List<Double> numbersIn(String text) {
    List<Double> out = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      out.add(Double.parseDouble(m.group()));
    }
    return out;
  }

  private static TreeSet<String> keys(ReferenceSet set) throws IOException {
    return set.keys().collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> arrays(ReferenceSet set) throws IOException {
    return set.keys()
        .filter(k -> k.endsWith("/.zarray"))
        .map(ZarrKeys::parent)
        .sorted()
        .collect(Collectors.toList());
  }

  private static byte[] inline(ReferenceSet set, String key) throws IOException {
    return ((Reference.Inline) set.get(key).orElseThrow()).data();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(ReferenceSet set, String key) throws IOException {
    return (Map<String, Object>) Json.parse(inline(set, key));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> manifestArrays(String set) throws IOException {
    Map<String, Object> manifest =
        (Map<String, Object>) Json.parse(Corpus.bytes("golden/manifest.json"));
    Map<String, Object> sets = (Map<String, Object>) manifest.get("sets");
    return (Map<String, Object>) ((Map<String, Object>) sets.get(set)).get("arrays");
  }
}
