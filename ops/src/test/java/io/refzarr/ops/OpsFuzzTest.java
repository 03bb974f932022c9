package io.refzarr.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.refzarr.bridge.ZarrArray;
import io.refzarr.internal.json.Json;
import io.refzarr.lazy.LazyReferenceSets;
import io.refzarr.lazy.WriteOptions;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.zarr.ChunkGrid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fuzz target for the operations (README "Fuzzing"): an uncompressed array of 1 to 3 axes, any
 * dtype size and byte order, C or F order, whose chunks are ranges of a data file, inline bytes or
 * missing, reads the same values through zarr-bridge after {@code subchunk}, {@code inline}, {@code
 * inlineArrays}, {@code renameTargets} (to a copy of the file) or a Parquet round trip. Subchunking
 * may be refused with an {@link InvalidReferenceSetException} (an inlined chunk, a chunk length the
 * factor does not divide, F order), nothing else may fail.
 */
class OpsFuzzTest {
  private static final Path DIR = directory();
  private static final ReferenceFileSystemConfig CONFIG =
      ReferenceFileSystemConfig.builder().root(DIR).build();
  private static final List<String> DTYPES = List.of("|u1", "<i2", ">i2", "<f4", ">i8", "<c16");

  private static Path directory() {
    try {
      Path dir = Files.createTempDirectory("ops-fuzz");
      dir.toFile().deleteOnExit();
      byte[] data = new byte[1 << 16];
      new Random(5).nextBytes(data);
      Files.write(dir.resolve("data.bin"), data);
      Files.write(dir.resolve("copy.bin"), data);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void valuesSurvive(FuzzedDataProvider data) throws IOException {
    ReferenceSet set = randomArray(data);
    byte[] before = values(set);
    ReferenceSetBuilder out = ReferenceSets.builder();
    try (ReferenceReader reader = ReferenceReader.create(CONFIG)) {
      switch (data.consumeInt(0, 4)) {
        case 0 -> {
          try {
            ReferenceOps.subchunk(set, "v", data.consumeInt(2, 4), reader, out);
          } catch (InvalidReferenceSetException refused) {
            return;
          }
        }
        case 1 -> ReferenceOps.inline(set, data.consumeInt(0, 300), reader, out);
        case 2 ->
            ReferenceOps.inlineArrays(
                set, data.consumeInt(0, 5000), java.util.Set.of(), CONFIG, out);
        case 3 ->
            ReferenceOps.renameTargets(
                set, TargetRenames.of(Map.of("data.bin", "copy.bin"), Map.of()), out);
        default -> {
          Path parquet = Files.createTempDirectory(DIR, "set").resolve("set.parq");
          LazyReferenceSets.write(set, parquet, WriteOptions.DEFAULT.withRecordSize(3));
          try (ReferenceSet back = LazyReferenceSets.open(parquet)) {
            assertThat(values(back)).isEqualTo(before);
          }
          return;
        }
      }
    }
    assertThat(values(out.build())).isEqualTo(before);
  }

  private static ReferenceSet randomArray(FuzzedDataProvider data) {
    int rank = data.consumeInt(1, 3);
    long[] shape = new long[rank];
    long[] chunks = new long[rank];
    for (int d = 0; d < rank; d++) {
      shape[d] = data.consumeInt(1, 6);
      chunks[d] = data.consumeInt(1, 6);
    }
    String dtype = data.pickValue(DTYPES);
    int itemSize = Integer.parseInt(dtype.substring(2));
    Map<String, Object> zarray = new LinkedHashMap<>();
    zarray.put("shape", Arrays.stream(shape).boxed().toList());
    zarray.put("chunks", Arrays.stream(chunks).boxed().toList());
    zarray.put("dtype", dtype);
    zarray.put("compressor", null);
    zarray.put("filters", null);
    zarray.put("fill_value", dtype.endsWith("16") ? null : 0L);
    zarray.put("order", data.consumeInt(0, 3) == 0 ? "F" : "C");
    zarray.put("zarr_format", 2L);
    ReferenceSetBuilder b = ReferenceSets.builder();
    b.put(".zgroup", new Reference.Inline(Json.writeBytes(Map.of("zarr_format", 2L))));
    b.put("v/.zarray", new Reference.Inline(Json.writeBytes(zarray)));
    ChunkGrid grid = ChunkGrid.of(shape, chunks, '.');
    int chunkBytes = (int) (Arrays.stream(chunks).reduce(1, Math::multiplyExact) * itemSize);
    for (long flat = 0; flat < grid.chunkCount(); flat++) {
      String key = "v/" + grid.key(flat);
      switch (data.consumeInt(0, 5)) {
        case 0 -> {} // missing: fill value
        case 1 ->
            b.put(
                key,
                new Reference.Inline(Arrays.copyOf(data.consumeBytes(chunkBytes), chunkBytes)));
        default ->
            b.put(
                key,
                Reference.range(
                    "data.bin", data.consumeInt(0, (1 << 16) - chunkBytes), chunkBytes));
      }
    }
    return b.build();
  }

  /** The array's values as bytes. */
  private static byte[] values(ReferenceSet set) throws IOException {
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(set, CONFIG)) {
      return ZarrArray.open(fs.getPath("/v")).read().toByteArray();
    }
  }
}
