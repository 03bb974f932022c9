package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.AbstractNode;
import io.jhdf.HdfFile;
import io.jhdf.object.message.DataLayoutMessage;
import io.refzarr.internal.json.Json;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.ScanOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every chunk index type (layout version 4: single chunk, implicit, fixed array, extensible array,
 * version-2 B-tree; version-1 B-trees behind a user block) against the chunk table the HDF5 library
 * itself wrote next to the fixtures ({@code make_fixtures.py}), and the referenced bytes decoded
 * with the {@code .zarray} codecs against the values jhdf reads.
 */
class ChunkIndexTest {
  private static final ScanOptions NO_INLINE =
      ScanOptions.DEFAULT.withInlineThreshold(0).withErrorPolicy(ErrorPolicy.SKIP);

  static Path fixture(String name) throws Exception {
    return Path.of(ChunkIndexTest.class.getResource("/hdf5/" + name).toURI());
  }

  @Test
  void fixture_layoutsV4_coversEveryVersion4IndexType() throws Exception {
    Set<Integer> types = new HashSet<>();
    try (HdfFile hdf = new HdfFile(fixture("layouts_v4.h5"))) {
      for (String name :
          List.of(
              "single_gzip",
              "single_raw",
              "fixed_array",
              "extensible_array",
              "btree_v2",
              "implicit")) {
        DataLayoutMessage m =
            ((AbstractNode) hdf.getDatasetByPath(name))
                .getHeader()
                .getMessageOfType(DataLayoutMessage.class);
        types.add((int) ((DataLayoutMessage.ChunkedDataLayoutMessageV4) m).getIndexingType());
      }
    }
    assertThat(types).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"layouts_v4.h5", "userblock.h5"})
  void scan_everyIndexType_rangesEqualTheHdf5LibrarysChunkTable(String file) throws Exception {
    ReferenceSet refs = Scans.file(fixture(file), file, NO_INLINE).refs();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, List<Long>>> table =
        (Map<String, Map<String, List<Long>>>)
            Json.parse(Files.readAllBytes(fixture(file + ".chunks.json")));
    for (Map.Entry<String, Map<String, List<Long>>> ds : table.entrySet()) {
      for (Map.Entry<String, List<Long>> chunk : ds.getValue().entrySet()) {
        String key = ds.getKey() + "/" + chunk.getKey();
        long offset = chunk.getValue().get(0);
        long size = chunk.getValue().get(1);
        long mask = chunk.getValue().get(2);
        Reference ref = refs.get(key).orElseThrow(() -> new AssertionError("no key " + key));
        if (mask != 0) {
          assertThat(ref)
              .as(key + " skipped a filter: embedded re-encoded")
              .isInstanceOf(Reference.Inline.class);
          continue;
        }
        long expectedSize = ds.getKey().equals("gzip_fletcher") ? size - 4 : size;
        assertThat(ref).as(key).isEqualTo(Reference.range(file, offset, expectedSize));
      }
      assertThat(
              refs.keys()
                  .filter(k -> k.startsWith(ds.getKey() + "/") && !k.contains("/.z"))
                  .count())
          .as("chunks of %s", ds.getKey())
          .isEqualTo(ds.getValue().size());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "single_gzip",
        "single_raw",
        "fixed_array",
        "extensible_array",
        "btree_v2",
        "implicit",
        "gzip_fletcher",
        "masked_chunk",
        "compact"
      })
  void scan_layoutsV4Dataset_decodesToJhdfsValues(String name) throws Exception {
    checkValues("layouts_v4.h5", name);
  }

  @Test
  void recognizes_signatureAfterUserBlock_trueWithinTheHeadOnly() throws Exception {
    byte[] file = Files.readAllBytes(fixture("userblock.h5"));
    io.refzarr.scan.Scanner scanner = io.refzarr.scan.Scanners.hdf5();
    assertThat(scanner.recognizes(java.util.Arrays.copyOf(file, 2048))).isTrue();
    assertThat(scanner.recognizes(java.util.Arrays.copyOf(file, 1024))).isFalse();
    assertThat(io.refzarr.scan.Scanners.forHead(java.util.Arrays.copyOf(file, 8192)))
        .contains(scanner);
  }

  @ParameterizedTest
  @ValueSource(strings = {"data", "contiguous"})
  void scan_fileWithUserBlock_decodesToJhdfsValues(String name) throws Exception {
    checkValues("userblock.h5", name);
  }

  private static void checkValues(String file, String name) throws Exception {
    Path path = fixture(file);
    ReferenceSet refs = Scans.file(path, file, NO_INLINE).refs();
    byte[] source = Files.readAllBytes(path);
    @SuppressWarnings("unchecked")
    Map<String, Object> zarray =
        (Map<String, Object>)
            Json.parse(((Reference.Inline) refs.get(name + "/.zarray").orElseThrow()).data());
    long[] shape = longs(zarray.get("shape"));
    long[] chunks = longs(zarray.get("chunks"));
    String dtype = (String) zarray.get("dtype");
    int item = Integer.parseInt(dtype.substring(2));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> filters =
        zarray.get("filters") == null
            ? List.of()
            : (List<Map<String, Object>>) zarray.get("filters");
    double[] expected =
        name.equals("masked_chunk") ? maskedChunkValues() : flatten(jhdfData(path, name));
    double[] got = new double[expected.length];
    Map<String, Reference> chunkRefs = new TreeMap<>();
    for (String k :
        refs.keys()
            .filter(k -> k.startsWith(name + "/") && !k.contains("/.z"))
            .collect(java.util.stream.Collectors.toList())) {
      chunkRefs.put(k.substring(name.length() + 1), refs.get(k).orElseThrow());
    }
    assertThat(chunkRefs).isNotEmpty();
    for (Map.Entry<String, Reference> e : chunkRefs.entrySet()) {
      byte[] stored =
          e.getValue() instanceof Reference.Range
              ? java.util.Arrays.copyOfRange(
                  source,
                  (int) ((Reference.Range) e.getValue()).offset(),
                  (int) ((Reference.Range) e.getValue()).end())
              : ((Reference.Inline) e.getValue()).data();
      byte[] raw = decode(stored, filters);
      place(raw, e.getKey(), shape, chunks, dtype, item, got);
    }
    assertThat(got).containsExactly(expected);
  }

  private static byte[] decode(byte[] stored, List<Map<String, Object>> filters) throws Exception {
    byte[] data = stored;
    for (int i = filters.size() - 1; i >= 0; i--) {
      Map<String, Object> f = filters.get(i);
      if (f.get("id").equals("zlib")) {
        Inflater inf = new Inflater();
        inf.setInput(data);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!inf.finished()) {
          int n = inf.inflate(buf);
          if (n == 0 && inf.needsInput()) {
            throw new AssertionError("truncated zlib stream");
          }
          out.write(buf, 0, n);
        }
        inf.end();
        data = out.toByteArray();
      } else if (f.get("id").equals("shuffle")) {
        int size = ((Number) f.get("elementsize")).intValue();
        int n = data.length / size;
        byte[] out = new byte[data.length];
        for (int e = 0; e < n; e++) {
          for (int b = 0; b < size; b++) {
            out[e * size + b] = data[b * n + e];
          }
        }
        data = out;
      } else {
        throw new AssertionError("unexpected codec " + f);
      }
    }
    return data;
  }

  /**
   * Copies a decoded chunk (full chunk shape, C order) into the flat array, clipping at the edges.
   */
  private static void place(
      byte[] raw, String key, long[] shape, long[] chunks, String dtype, int item, double[] out) {
    ByteBuffer b =
        ByteBuffer.wrap(raw)
            .order(dtype.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int rank = shape.length;
    long[] index = new long[rank];
    String[] parts = key.split("\\.");
    for (int d = 0; d < rank; d++) {
      index[d] = Long.parseLong(parts[d]);
    }
    long count = 1;
    for (long c : chunks) {
      count *= c;
    }
    for (long i = 0; i < count; i++) {
      long rest = i;
      long flat = 0;
      boolean inside = true;
      for (int d = rank - 1; d >= 0; d--) {
        long within = rest % chunks[d];
        rest /= chunks[d];
        long at = index[d] * chunks[d] + within;
        inside &= at < shape[d];
        long stride = 1;
        for (int e = d + 1; e < rank; e++) {
          stride *= shape[e];
        }
        flat += at * stride;
      }
      if (inside) {
        out[(int) flat] = element(b, (int) (i * item), dtype);
      }
    }
  }

  private static double element(ByteBuffer b, int at, String dtype) {
    switch (dtype.substring(1)) {
      case "f4":
        return b.getFloat(at);
      case "f8":
        return b.getDouble(at);
      case "i2":
        return b.getShort(at);
      case "i4":
        return b.getInt(at);
      case "u4":
        return b.getInt(at) & 0xffffffffL;
      case "i8":
        return b.getLong(at);
      default:
        throw new AssertionError(dtype);
    }
  }

  /**
   * masked_chunk's values by make_fixtures.py's recipe: rows 0-1 {@code i * 7 % 1000}, rows 2-3 the
   * same plus 1000 (jhdf 0.13 cannot read them: it inflates the chunk whose mask says deflate was
   * skipped).
   */
  private static double[] maskedChunkValues() {
    double[] v = new double[40];
    for (int i = 0; i < 20; i++) {
      v[i] = i * 7 % 1000;
      v[20 + i] = i * 7 % 1000 + 1000;
    }
    return v;
  }

  private static Object jhdfData(Path file, String name) {
    try (HdfFile hdf = new HdfFile(file)) {
      return hdf.getDatasetByPath(name).getData();
    }
  }

  private static double[] flatten(Object data) {
    List<Double> out = new java.util.ArrayList<>();
    flattenInto(data, out);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void flattenInto(Object data, List<Double> out) {
    if (data.getClass().isArray() && data.getClass().getComponentType().isArray()) {
      for (int i = 0; i < java.lang.reflect.Array.getLength(data); i++) {
        flattenInto(java.lang.reflect.Array.get(data, i), out);
      }
      return;
    }
    for (int i = 0; i < java.lang.reflect.Array.getLength(data); i++) {
      out.add(((Number) java.lang.reflect.Array.get(data, i)).doubleValue());
    }
  }

  private static long[] longs(Object list) {
    return ((List<?>) list).stream().mapToLong(x -> ((Number) x).longValue()).toArray();
  }
}
